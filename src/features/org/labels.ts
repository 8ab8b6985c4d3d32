/** Vietnamese names of unit kinds and cell types (loại hình chi bộ, DOMAIN.md §2). */
export const UNIT_KINDS = {
  dang_bo_tinh: 'Đảng bộ tỉnh/thành phố',
  dang_bo_co_so: 'Đảng bộ cơ sở',
  dang_bo_bo_phan: 'Đảng bộ bộ phận',
  chi_bo: 'Chi bộ',
  chi_bo_co_so: 'Chi bộ cơ sở',
  other: 'Tổ chức khác',
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;
export const UNIT_KIND_KEYS = Object.keys(UNIT_KINDS) as [UnitKind, ...UnitKind[]];

export const CELL_TYPES = {
  khu_dan_cu: 'Khu dân cư đô thị (tổ dân phố, khu phố)',
  nong_thon: 'Nông thôn (thôn, bản, ấp, làng, xóm)',
  co_quan: 'Cơ quan hành chính',
  truong_hoc: 'Đơn vị sự nghiệp – trường học',
  benh_vien: 'Đơn vị sự nghiệp – y tế',
  doanh_nghiep_nha_nuoc: 'Doanh nghiệp nhà nước',
  doanh_nghiep_ngoai_nha_nuoc: 'Doanh nghiệp ngoài nhà nước / FDI',
  hoc_sinh_sinh_vien: 'Học sinh – sinh viên',
  quan_doi: 'Quân đội',
  cong_an: 'Công an',
} as const;
export type CellType = keyof typeof CELL_TYPES;
export const CELL_TYPE_KEYS = Object.keys(CELL_TYPES) as [CellType, ...CellType[]];

/** Kinds that are cells (hold members directly). */
export const CELL_KINDS: readonly UnitKind[] = ['chi_bo', 'chi_bo_co_so'];
export const isCellKind = (k: string) => (CELL_KINDS as readonly string[]).includes(k);
