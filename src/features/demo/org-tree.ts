/**
 * The demo organisation's tree: the province, a ward and a commune, and their cells with the
 * size and kind of membership each has (which the member generator fills).
 */

export type CellType =
  | 'khu_dan_cu'
  | 'nong_thon'
  | 'co_quan'
  | 'truong_hoc'
  | 'benh_vien'
  | 'doanh_nghiep_nha_nuoc'
  | 'doanh_nghiep_ngoai_nha_nuoc'
  | 'hoc_sinh_sinh_vien'
  | 'quan_doi'
  | 'cong_an';

export interface DemoUnit {
  key: string;
  parentKey: string | null;
  name: string;
  kind: 'dang_bo_tinh' | 'dang_bo_co_so' | 'dang_bo_bo_phan' | 'chi_bo' | 'chi_bo_co_so';
  cellType?: CellType;
  code?: string;
}

export type Profile =
  | 'resident'
  | 'rural'
  | 'agency'
  | 'school'
  | 'health'
  | 'police'
  | 'military'
  | 'business';

export interface CellSpec {
  key: string;
  parentKey: string;
  name: string;
  cellType: CellType;
  /** Code of the parent đảng bộ; the cell's own code appends its position ("BT.AH.01"). */
  code: string;
  /** Regular members whose home cell this is (not counting removed members or 213 contacts). */
  size: number;
  profile: Profile;
  /** Pure "213" contacts (own cell outside the tree) attached to this cell. */
  contacts213: number;
  /** "Khu phố 1", "ấp Mỹ Thạnh"…: where its residents live; agencies have none. */
  area?: string;
  /** The commune-level unit whose name ends each address. */
  locality: string;
}

export const WARD = 'phường An Hội';
export const COMMUNE = 'xã Mỹ Thạnh An';

export const CELLS: readonly CellSpec[] = [
  cell('kp1', 'phuong', 'Chi bộ Khu phố 1', 'khu_dan_cu', 36, 'resident', 12, 'Khu phố 1'),
  cell('kp2', 'phuong', 'Chi bộ Khu phố 2', 'khu_dan_cu', 32, 'resident', 6, 'Khu phố 2'),
  cell('kp3', 'phuong', 'Chi bộ Khu phố 3', 'khu_dan_cu', 28, 'resident', 4, 'Khu phố 3'),
  cell('kp4', 'phuong', 'Chi bộ Khu phố 4', 'khu_dan_cu', 25, 'resident', 0, 'Khu phố 4'),
  cell('kp5', 'phuong', 'Chi bộ Khu phố 5', 'khu_dan_cu', 22, 'resident', 3, 'Khu phố 5'),
  cell('ap_my_thanh', 'phuong', 'Chi bộ Ấp Mỹ Thạnh', 'nong_thon', 30, 'rural', 2, 'ấp Mỹ Thạnh'),
  cell('ap_phu_loi', 'phuong', 'Chi bộ Ấp Phú Lợi', 'nong_thon', 26, 'rural', 0, 'ấp Phú Lợi'),
  cell('ap_an_binh', 'phuong', 'Chi bộ Ấp An Bình', 'nong_thon', 22, 'rural', 0, 'ấp An Bình'),
  cell('cq_ubnd', 'phuong', 'Chi bộ Cơ quan Ủy ban nhân dân phường', 'co_quan', 18, 'agency', 0),
  cell(
    'cq_dang',
    'phuong',
    'Chi bộ Cơ quan Đảng, Mặt trận và các đoàn thể phường',
    'co_quan',
    14,
    'agency',
    0,
  ),
  cell('thcs', 'phuong', 'Chi bộ Trường THCS An Hội', 'truong_hoc', 16, 'school', 0),
  cell('tieu_hoc', 'phuong', 'Chi bộ Trường Tiểu học An Hội', 'truong_hoc', 12, 'school', 0),
  cell('mam_non', 'phuong', 'Chi bộ Trường Mầm non Hoa Sen', 'truong_hoc', 8, 'school', 0),
  cell('tram_y_te', 'phuong', 'Chi bộ Trạm Y tế phường', 'benh_vien', 9, 'health', 0),
  cell('cong_an', 'phuong', 'Chi bộ Công an phường', 'cong_an', 15, 'police', 0),
  cell('quan_su', 'phuong', 'Chi bộ Quân sự phường', 'quan_doi', 5, 'military', 0),
  cell(
    'dn_dua_xanh',
    'phuong',
    'Chi bộ Công ty TNHH Chế biến dừa Xanh An Hội',
    'doanh_nghiep_ngoai_nha_nuoc',
    4,
    'business',
    0,
  ),
  cell('mta_thanh_hung', 'xa_mta', 'Chi bộ Ấp Thạnh Hưng', 'nong_thon', 17, 'rural', 0, 'ấp Thạnh Hưng'),
  cell('mta_phu_thanh', 'xa_mta', 'Chi bộ Ấp Phú Thạnh', 'nong_thon', 14, 'rural', 0, 'ấp Phú Thạnh'),
  cell('mta_cq', 'xa_mta', 'Chi bộ Cơ quan Ủy ban nhân dân xã', 'co_quan', 10, 'agency', 0),
];

function cell(
  key: string,
  parentKey: 'phuong' | 'xa_mta',
  name: string,
  cellType: CellType,
  size: number,
  profile: Profile,
  contacts213: number,
  area?: string,
): CellSpec {
  const locality = parentKey === 'phuong' ? WARD : COMMUNE;
  const parentCode = parentKey === 'phuong' ? 'BT.AH' : 'BT.MTA';
  const spec: CellSpec = {
    key,
    parentKey,
    name,
    cellType,
    code: parentCode,
    size,
    profile,
    contacts213,
    locality,
  };
  if (area) spec.area = area;
  return spec;
}

export function buildUnits(): DemoUnit[] {
  const units: DemoUnit[] = [
    { key: 'tinh', parentKey: null, name: 'Đảng bộ tỉnh Bến Tre', kind: 'dang_bo_tinh', code: 'BT' },
    { key: 'phuong', parentKey: 'tinh', name: 'Đảng bộ phường An Hội', kind: 'dang_bo_co_so', code: 'BT.AH' },
  ];
  const push = (parentKey: string) => {
    CELLS.filter((c) => c.parentKey === parentKey).forEach((c, i) => {
      units.push({
        key: c.key,
        parentKey,
        name: c.name,
        kind: 'chi_bo',
        cellType: c.cellType,
        code: `${c.code}.${String(i + 1).padStart(2, '0')}`,
      });
    });
  };
  push('phuong');
  units.push({
    key: 'xa_mta',
    parentKey: 'tinh',
    name: 'Đảng bộ xã Mỹ Thạnh An',
    kind: 'dang_bo_co_so',
    code: 'BT.MTA',
  });
  push('xa_mta');
  return units;
}
