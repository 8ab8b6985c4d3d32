/**
 * The bench province's tree, in memory: one đảng bộ tỉnh, ~1 grassroots đảng bộ per 7,7 cells
 * (xã, phường, some cơ quan, trường, bệnh viện, doanh nghiệp, the province's quân sự and công an),
 * a few grassroots đảng bộ with đảng bộ bộ phận between them and their cells, a few chi bộ cơ sở
 * directly under the province, and cells of every cell type with a member count each.
 * Pure and deterministic for a seed (the PRNG of the demo).
 */
import type { CellType } from '../org-tree.js';
import { Rng } from '../rng.js';

export interface BenchUnit {
  /** Index in the list; parents always come before their children. */
  index: number;
  parentIndex: number | null;
  name: string;
  kind: 'dang_bo_tinh' | 'dang_bo_co_so' | 'dang_bo_bo_phan' | 'chi_bo' | 'chi_bo_co_so';
  cellType: CellType | null;
  code: string;
  /** Member rows of the cell (all statuses); 0 for non-cells. */
  size: number;
}

/** The marker of a bench province: its root's code starts with it (`--force` writes only beside these). */
export const BENCH_CODE = 'BENCH';

const SYLLABLES = [
  'An',
  'Bình',
  'Phú',
  'Mỹ',
  'Thạnh',
  'Long',
  'Hòa',
  'Tân',
  'Hưng',
  'Phước',
  'Thới',
  'Lợi',
  'Đông',
  'Tây',
  'Nhơn',
  'Vĩnh',
  'Hiệp',
  'Khánh',
  'Lộc',
  'Thuận',
  'Định',
  'Sơn',
  'Giang',
  'Châu',
  'Quới',
  'Hữu',
  'Đức',
  'Thành',
  'Trung',
  'Xuân',
];
const OFFICES = [
  'Văn phòng',
  'Phòng Tổ chức',
  'Phòng Kế hoạch - Tài chính',
  'Phòng Nghiệp vụ',
  'Phòng Thanh tra',
  'Phòng Hành chính - Quản trị',
  'Trung tâm Dịch vụ',
  'Phòng Pháp chế',
];
const AGENCIES = [
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Tư pháp',
  'Kho bạc Nhà nước',
  'Văn phòng Ủy ban nhân dân tỉnh',
  'Ban Quản lý các khu công nghiệp',
];

type GrassKind =
  | 'xa'
  | 'phuong'
  | 'co_quan'
  | 'truong'
  | 'benh_vien'
  | 'doanh_nghiep'
  | 'quan_su'
  | 'cong_an';

/** Members per cell type (before scaling to the target of 25 a cell). */
const MEAN_SIZE: Record<CellType, number> = {
  khu_dan_cu: 34,
  nong_thon: 30,
  co_quan: 18,
  truong_hoc: 15,
  benh_vien: 16,
  doanh_nghiep_nha_nuoc: 14,
  doanh_nghiep_ngoai_nha_nuoc: 9,
  hoc_sinh_sinh_vien: 8,
  quan_doi: 12,
  cong_an: 16,
};

export function buildBenchTree(opts: { cells: number; seed: number; membersPerCell?: number }): BenchUnit[] {
  const rng = new Rng(opts.seed * 7919 + 17);
  const units: BenchUnit[] = [];
  const add = (u: Omit<BenchUnit, 'index'>) => {
    units.push({ ...u, index: units.length });
    return units.length - 1;
  };
  const place = () => `${rng.pick(SYLLABLES)} ${rng.pick(SYLLABLES)}`;
  const root = add({
    parentIndex: null,
    name: 'Đảng bộ tỉnh Phú An (dữ liệu thử tải)',
    kind: 'dang_bo_tinh',
    cellType: null,
    code: `${BENCH_CODE}.${opts.seed}`,
    size: 0,
  });

  const total = Math.max(1, Math.floor(opts.cells));
  const coSo = total >= 20 ? Math.max(1, Math.round(total * 0.01)) : 0;
  const underGrass = total - coSo;
  const grassCount = Math.max(1, Math.round(underGrass / 7.68));
  // Kinds of the grassroots units: the province's military and police, then mostly communes and wards.
  const kinds: GrassKind[] = [];
  for (let i = 0; i < grassCount; i++) {
    if (i === 0 && grassCount >= 4) kinds.push('quan_su');
    else if (i === 1 && grassCount >= 4) kinds.push('cong_an');
    else
      kinds.push(
        rng.weighted<GrassKind>([
          ['xa', 66],
          ['phuong', 20],
          ['co_quan', 7],
          ['truong', 2],
          ['benh_vien', 2],
          ['doanh_nghiep', 3],
        ]),
      );
  }
  // Cells per grassroots unit: weighted shares of the total, at least 2 each.
  const weights = kinds.map((k) =>
    k === 'xa' || k === 'phuong' ? 0.6 + rng.float() * 1.2 : 0.3 + rng.float(),
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) =>
    Math.max(underGrass >= grassCount * 2 ? 2 : 1, Math.floor((w / sum) * underGrass)),
  );
  let diff = underGrass - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0 && i < 100 * grassCount; i++) {
    const j = rng.int(0, grassCount - 1);
    if (diff > 0) {
      counts[j]!++;
      diff--;
    } else if (counts[j]! > 1) {
      counts[j]!--;
      diff++;
    }
  }

  const cellTypesFor = (kind: GrassKind, n: number): CellType[] => {
    const out: CellType[] = [];
    const extras: CellType[] = {
      xa: ['co_quan', 'truong_hoc', 'cong_an', 'quan_doi', 'benh_vien', 'truong_hoc', 'co_quan'],
      phuong: [
        'co_quan',
        'truong_hoc',
        'cong_an',
        'quan_doi',
        'doanh_nghiep_ngoai_nha_nuoc',
        'benh_vien',
        'truong_hoc',
      ],
      co_quan: ['co_quan'],
      truong: ['truong_hoc', 'hoc_sinh_sinh_vien', 'truong_hoc'],
      benh_vien: ['benh_vien'],
      doanh_nghiep: ['doanh_nghiep_nha_nuoc', 'doanh_nghiep_ngoai_nha_nuoc'],
      quan_su: ['quan_doi'],
      cong_an: ['cong_an'],
    }[kind] as CellType[];
    if (kind === 'xa' || kind === 'phuong') {
      const nExtras = Math.min(n - 1, Math.floor(n * 0.4), extras.length);
      for (let i = 0; i < n - nExtras; i++) out.push(kind === 'xa' ? 'nong_thon' : 'khu_dan_cu');
      out.push(...extras.slice(0, nExtras));
    } else for (let i = 0; i < n; i++) out.push(extras[i % extras.length]!);
    return out;
  };

  const cellName = (t: CellType, i: number, locality: string, kind: GrassKind): string => {
    switch (t) {
      case 'khu_dan_cu':
        return `Chi bộ Khu phố ${i + 1}`;
      case 'nong_thon':
        return `Chi bộ Ấp ${place()}`;
      case 'co_quan':
        return kind === 'co_quan'
          ? `Chi bộ ${OFFICES[i % OFFICES.length]}${i >= OFFICES.length ? ` ${Math.floor(i / OFFICES.length) + 1}` : ''}`
          : i % 2 === 0
            ? `Chi bộ Cơ quan Ủy ban nhân dân ${locality}`
            : `Chi bộ Cơ quan Đảng, Mặt trận và các đoàn thể ${locality}`;
      case 'truong_hoc':
        return kind === 'truong'
          ? `Chi bộ Khoa ${place()}`
          : `Chi bộ Trường ${rng.pick(['Tiểu học', 'THCS', 'Mầm non'])} ${place()}`;
      case 'hoc_sinh_sinh_vien':
        return `Chi bộ Sinh viên khóa ${i + 1}`;
      case 'benh_vien':
        return kind === 'benh_vien' ? `Chi bộ Khoa ${place()}` : `Chi bộ Trạm Y tế ${locality}`;
      case 'cong_an':
        return kind === 'cong_an' ? `Chi bộ Phòng ${i + 1}, Công an tỉnh` : `Chi bộ Công an ${locality}`;
      case 'quan_doi':
        return kind === 'quan_su'
          ? `Chi bộ Ban ${i + 1}, Bộ Chỉ huy Quân sự tỉnh`
          : `Chi bộ Quân sự ${locality}`;
      case 'doanh_nghiep_nha_nuoc':
        return `Chi bộ Công ty ${place()} (nhà nước)`;
      default:
        return `Chi bộ Công ty TNHH ${place()}`;
    }
  };

  const cellSize = (t: CellType) => Math.max(3, Math.round(MEAN_SIZE[t] * (0.55 + rng.float() * 0.9)));

  for (let g = 0; g < grassCount; g++) {
    const kind = kinds[g]!;
    const placeName = place();
    const [name, locality] = {
      xa: [`Đảng bộ xã ${placeName}`, `xã ${placeName}`],
      phuong: [`Đảng bộ phường ${placeName}`, `phường ${placeName}`],
      co_quan: [`Đảng bộ ${rng.pick(AGENCIES)} (${g + 1})`, ''],
      truong: [`Đảng bộ Trường Cao đẳng ${placeName}`, ''],
      benh_vien: [`Đảng bộ Bệnh viện đa khoa ${placeName}`, ''],
      doanh_nghiep: [`Đảng bộ Tổng công ty ${placeName}`, ''],
      quan_su: ['Đảng bộ Quân sự tỉnh', ''],
      cong_an: ['Đảng bộ Công an tỉnh', ''],
    }[kind] as [string, string];
    const code = `${BENCH_CODE}.${opts.seed}.${String(g + 1).padStart(4, '0')}`;
    const gi = add({ parentIndex: root, name, kind: 'dang_bo_co_so', cellType: null, code, size: 0 });
    const types = cellTypesFor(kind, counts[g]!);
    // About one grassroots unit in 40 (the first always, when there are several) has đảng bộ bộ phận.
    const split = types.length >= 4 && (g === Math.min(2, grassCount - 1) || rng.chance(0.025));
    const parts: number[] = [];
    if (split) {
      const n = types.length >= 12 ? 3 : 2;
      for (let p = 0; p < n; p++)
        parts.push(
          add({
            parentIndex: gi,
            name: `Đảng bộ bộ phận ${kind === 'xa' ? 'ấp' : 'khu'} ${place()}`,
            kind: 'dang_bo_bo_phan',
            cellType: null,
            code: `${code}.B${p + 1}`,
            size: 0,
          }),
        );
    }
    types.forEach((t, i) => {
      // Residential cells go under the đảng bộ bộ phận; agencies, schools… stay under the đảng bộ.
      const residential = t === 'nong_thon' || t === 'khu_dan_cu';
      const parent = parts.length > 0 && residential ? parts[i % parts.length]! : gi;
      add({
        parentIndex: parent,
        name: cellName(t, i, locality || name.replace(/^Đảng bộ\s+/u, ''), kind),
        kind: 'chi_bo',
        cellType: t,
        code: `${code}.${String(i + 1).padStart(2, '0')}`,
        size: cellSize(t),
      });
    });
  }
  for (let i = 0; i < coSo; i++) {
    const t = rng.pick<CellType>(['co_quan', 'doanh_nghiep_nha_nuoc', 'truong_hoc']);
    add({
      parentIndex: root,
      name: `Chi bộ ${t === 'co_quan' ? rng.pick(AGENCIES) : t === 'truong_hoc' ? `Trường THPT ${place()}` : `Công ty ${place()}`} (chi bộ cơ sở ${i + 1})`,
      kind: 'chi_bo_co_so',
      cellType: t,
      code: `${BENCH_CODE}.${opts.seed}.CS${String(i + 1).padStart(3, '0')}`,
      size: cellSize(t),
    });
  }

  // Scale the sizes so the province holds `membersPerCell` member rows per cell on average.
  const cellsOnly = units.filter((u) => u.size > 0);
  const target = Math.round(cellsOnly.length * (opts.membersPerCell ?? 25));
  const raw = cellsOnly.reduce((a, u) => a + u.size, 0);
  for (const u of cellsOnly) u.size = Math.max(3, Math.round((u.size * target) / raw));
  return units;
}
