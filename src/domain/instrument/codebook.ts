/**
 * The household instrument as data: coded answers of the PBDT 2015 codebook (DOMAIN.md §10).
 * Forms, validation, exports and the ranking model all read these tables; change a code here and
 * everything follows. Codes are the codebook's numbers, so offline files and imports stay comparable.
 */
import type { Lang, Text } from '../errors.ts';

export interface CodeOption {
  code: number;
  label: Text;
}

export interface CodedField {
  field: string;
  labels: Text;
  options: CodeOption[];
}

export interface NumericField {
  field: string;
  labels: Text;
  min: number;
  max: number;
  /** Counts are whole numbers; areas may carry decimals. */
  integer: boolean;
  /** Unit symbol shown after the value, if any (e.g. 'm²'). */
  unit?: string;
}

export interface AssetFlag {
  field: string;
  labels: Text;
}

export interface Codebook {
  /** Coded answers about the dwelling (one per household). */
  housingFields: CodedField[];
  /** Whole-number answers about the dwelling and land. */
  numericFields: NumericField[];
  /** Livestock head counts. */
  livestockFields: NumericField[];
  /** Yes/no asset ownership of the household. */
  assetFlags: AssetFlag[];
  /** Coded answers about food and clothing (BPS 14 poverty criteria). */
  consumptionFields: CodedField[];
  /** Yes/no answers about the household's means (BPS 14 poverty criteria). */
  meansFlags: AssetFlag[];
  /** Coded answers about each household member. */
  individualFields: CodedField[];
  /** Whole-number answers about each household member (integer rupiah). */
  individualNumericFields: NumericField[];
}

/** Builds options from `[code, id, en]` triples, keeping the table below readable. */
function opts(rows: [number, string, string][]): CodeOption[] {
  return rows.map(([code, id, en]) => ({ code, label: { id, en } }));
}

const housingFields: CodedField[] = [
  {
    field: 'buildingTenure',
    labels: { id: 'Status penguasaan bangunan tempat tinggal', en: 'Tenure of the dwelling' },
    options: opts([
      [1, 'Milik sendiri', 'Owned'],
      [2, 'Kontrak/sewa', 'Contract/rented'],
      [3, 'Bebas sewa', 'Rent-free'],
      [4, 'Dinas', 'Official (employer-provided)'],
      [5, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'landTenure',
    labels: { id: 'Status lahan tempat tinggal', en: 'Tenure of the land' },
    options: opts([
      [1, 'Milik sendiri', 'Owned'],
      [2, 'Milik orang lain', 'Owned by someone else'],
      [3, 'Tanah negara', 'State land'],
      [4, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'floorMaterial',
    labels: { id: 'Jenis lantai terluas', en: 'Main floor material' },
    options: opts([
      [1, 'Marmer/granit', 'Marble/granite'],
      [2, 'Keramik', 'Ceramic tiles'],
      [3, 'Parket/vinil/permadani', 'Parquet/vinyl/carpet'],
      [4, 'Ubin/tegel/teraso', 'Tiles/terrazzo'],
      [5, 'Kayu/papan kualitas tinggi', 'High-quality wood/boards'],
      [6, 'Sementara/bata merah', 'Cement/red brick'],
      [7, 'Bambu', 'Bamboo'],
      [8, 'Kayu/papan kualitas rendah', 'Low-quality wood/boards'],
      [9, 'Tanah', 'Earth'],
      [10, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'wallMaterial',
    labels: { id: 'Jenis dinding terluas', en: 'Main wall material' },
    options: opts([
      [1, 'Tembok', 'Masonry'],
      [2, 'Plesteran anyaman bambu/kawat', 'Plastered woven bamboo/wire'],
      [3, 'Kayu', 'Wood'],
      [4, 'Anyaman bambu', 'Woven bamboo'],
      [5, 'Batang kayu', 'Logs'],
      [6, 'Bambu', 'Bamboo'],
      [7, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'wallCondition',
    labels: { id: 'Kondisi dinding', en: 'Wall condition' },
    options: opts([
      [1, 'Bagus/kualitas tinggi', 'Good/high quality'],
      [2, 'Jelek/kualitas rendah', 'Poor/low quality'],
    ]),
  },
  {
    field: 'roofMaterial',
    labels: { id: 'Jenis atap terluas', en: 'Main roof material' },
    options: opts([
      [1, 'Beton/genteng beton', 'Concrete/concrete tiles'],
      [2, 'Genteng keramik', 'Ceramic tiles'],
      [3, 'Genteng metal', 'Metal tiles'],
      [4, 'Genteng tanah liat', 'Clay tiles'],
      [5, 'Asbes', 'Asbestos'],
      [6, 'Seng', 'Corrugated zinc'],
      [7, 'Sirap', 'Wooden shingles'],
      [8, 'Bambu', 'Bamboo'],
      [9, 'Jerami/ijuk/daun-daunan/rumbia', 'Straw/palm fibre/leaves/thatch'],
      [10, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'roofCondition',
    labels: { id: 'Kondisi atap', en: 'Roof condition' },
    options: opts([
      [1, 'Bagus', 'Good'],
      [2, 'Jelek', 'Poor'],
    ]),
  },
  {
    field: 'drinkingWaterSource',
    labels: { id: 'Sumber air minum', en: 'Drinking water source' },
    options: opts([
      [1, 'Air kemasan bermerk', 'Branded bottled water'],
      [2, 'Air isi ulang', 'Refilled water'],
      [3, 'Leding meteran', 'Metered piped water'],
      [4, 'Leding eceran', 'Retail piped water'],
      [5, 'Sumur bor/pompa', 'Borehole/pump well'],
      [6, 'Sumur terlindung', 'Protected well'],
      [7, 'Sumur tak terlindung', 'Unprotected well'],
      [8, 'Mata air terlindung', 'Protected spring'],
      [9, 'Mata air tak terlindung', 'Unprotected spring'],
      [10, 'Air sungai/danau/waduk', 'River/lake/reservoir water'],
      [11, 'Air hujan', 'Rainwater'],
      [12, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'lightingSource',
    labels: { id: 'Sumber penerangan utama', en: 'Main source of lighting' },
    options: opts([
      [1, 'Listrik PLN', 'PLN electricity'],
      [2, 'Listrik non-PLN', 'Non-PLN electricity'],
      [3, 'Bukan listrik', 'Not electricity'],
    ]),
  },
  {
    field: 'electricityPower',
    labels: { id: 'Daya terpasang', en: 'Installed electrical power' },
    options: opts([
      [1, '450 VA', '450 VA'],
      [2, '900 VA', '900 VA'],
      [3, '1.300 VA', '1,300 VA'],
      [4, '2.200 VA', '2,200 VA'],
      [5, '>2.200 VA', '>2,200 VA'],
      [6, 'Tanpa meteran', 'No meter'],
    ]),
  },
  {
    field: 'cookingFuel',
    labels: { id: 'Bahan bakar/energi utama untuk memasak', en: 'Main cooking fuel' },
    options: opts([
      [1, 'Listrik', 'Electricity'],
      [2, 'Gas >3 kg', 'Gas (cylinder over 3 kg)'],
      [3, 'Gas 3 kg', 'Gas (3 kg cylinder)'],
      [4, 'Gas kota/biogas', 'Piped gas/biogas'],
      [5, 'Minyak tanah', 'Kerosene'],
      [6, 'Briket', 'Briquettes'],
      [7, 'Arang', 'Charcoal'],
      [8, 'Kayu bakar', 'Firewood'],
      [9, 'Tidak memasak di rumah', 'Does not cook at home'],
    ]),
  },
  {
    field: 'toiletFacility',
    labels: { id: 'Penggunaan fasilitas tempat buang air besar', en: 'Toilet facility' },
    options: opts([
      [1, 'Sendiri', 'Own'],
      [2, 'Bersama', 'Shared'],
      [3, 'Umum', 'Public'],
      [4, 'Tidak ada', 'None'],
    ]),
  },
  {
    field: 'toiletType',
    labels: { id: 'Jenis kloset', en: 'Toilet type' },
    options: opts([
      [1, 'Leher angsa', 'Gooseneck (water seal)'],
      [2, 'Plengsengan', 'Sloped latrine'],
      [3, 'Cemplung/cubluk', 'Pit latrine'],
      [4, 'Tidak pakai', 'None used'],
    ]),
  },
  {
    field: 'sewageDisposal',
    labels: { id: 'Tempat pembuangan akhir tinja', en: 'Final disposal of faeces' },
    options: opts([
      [1, 'Tangki', 'Septic tank'],
      [2, 'SPAL', 'Sewerage (SPAL)'],
      [3, 'Lubang tanah', 'Hole in the ground'],
      [4, 'Kolam/sawah/sungai/danau/laut', 'Pond/rice field/river/lake/sea'],
      [5, 'Pantai/tanah lapang/kebun', 'Beach/open field/garden'],
      [6, 'Lainnya', 'Other'],
    ]),
  },
];

const numericFields: NumericField[] = [
  {
    field: 'floorAreaM2',
    labels: { id: 'Luas lantai', en: 'Floor area' },
    min: 1,
    max: 10_000,
    integer: false,
    unit: 'm²',
  },
  {
    field: 'roomCount',
    labels: { id: 'Jumlah kamar', en: 'Number of rooms' },
    min: 1,
    max: 100,
    integer: true,
  },
  {
    field: 'landAreaM2',
    labels: { id: 'Luas lahan yang dimiliki', en: 'Area of land owned' },
    min: 0,
    max: 100_000_000,
    integer: false,
    unit: 'm²',
  },
];

const MAX_LIVESTOCK = 100_000;
const livestockFields: NumericField[] = [
  { field: 'cattleCount', labels: { id: 'Jumlah sapi', en: 'Number of cattle' } },
  { field: 'buffaloCount', labels: { id: 'Jumlah kerbau', en: 'Number of buffaloes' } },
  { field: 'horseCount', labels: { id: 'Jumlah kuda', en: 'Number of horses' } },
  { field: 'pigCount', labels: { id: 'Jumlah babi', en: 'Number of pigs' } },
  { field: 'goatCount', labels: { id: 'Jumlah kambing/domba', en: 'Number of goats/sheep' } },
].map((f) => ({ ...f, min: 0, max: MAX_LIVESTOCK, integer: true }));

const assetFlags: AssetFlag[] = [
  {
    field: 'hasGas5kg',
    labels: { id: 'Tabung gas 5,5 kg atau lebih', en: 'Gas cylinder of 5.5 kg or more' },
  },
  { field: 'hasRefrigerator', labels: { id: 'Lemari es/kulkas', en: 'Refrigerator' } },
  { field: 'hasAirConditioner', labels: { id: 'AC', en: 'Air conditioner' } },
  { field: 'hasWaterHeater', labels: { id: 'Pemanas air (water heater)', en: 'Water heater' } },
  { field: 'hasLandline', labels: { id: 'Telepon rumah (PSTN)', en: 'Landline telephone' } },
  { field: 'hasTelevision', labels: { id: 'Televisi', en: 'Television' } },
  {
    field: 'hasGoldSavings',
    labels: { id: 'Emas/perhiasan & tabungan', en: 'Gold/jewellery and savings' },
  },
  { field: 'hasLaptop', labels: { id: 'Komputer/laptop', en: 'Computer/laptop' } },
  { field: 'hasBicycle', labels: { id: 'Sepeda', en: 'Bicycle' } },
  { field: 'hasMotorcycle', labels: { id: 'Sepeda motor', en: 'Motorcycle' } },
  { field: 'hasCar', labels: { id: 'Mobil', en: 'Car' } },
  { field: 'hasBoat', labels: { id: 'Perahu', en: 'Boat' } },
  { field: 'hasOutboardMotor', labels: { id: 'Motor tempel', en: 'Outboard motor' } },
  { field: 'hasMotorboat', labels: { id: 'Perahu motor', en: 'Motorboat' } },
  { field: 'hasShip', labels: { id: 'Kapal', en: 'Ship' } },
  { field: 'ownsLand', labels: { id: 'Memiliki lahan', en: 'Owns land' } },
  { field: 'ownsOtherHouse', labels: { id: 'Memiliki rumah di tempat lain', en: 'Owns a house elsewhere' } },
  {
    field: 'runsBusiness',
    labels: {
      id: 'Ada anggota rumah tangga yang memiliki usaha sendiri/bersama',
      en: 'A household member runs their own or a joint business',
    },
  },
];

/**
 * The BPS 14 poverty criteria the dwelling and assets do not already answer (DOMAIN.md §10): meals, meat/milk,
 * new clothes, paying for a clinic, the head's income, savings. Codes count occurrences (0 = never), so a
 * criterion reads as a comparison (`mealsPerDay <= 2`).
 */
const consumptionFields: CodedField[] = [
  {
    field: 'mealsPerDay',
    labels: { id: 'Frekuensi makan dalam sehari', en: 'Meals per day' },
    options: opts([
      [1, 'Satu kali', 'Once'],
      [2, 'Dua kali', 'Twice'],
      [3, 'Tiga kali atau lebih', 'Three times or more'],
    ]),
  },
  {
    field: 'meatMilkPerWeek',
    labels: {
      id: 'Konsumsi daging/susu/ayam dalam seminggu',
      en: 'Meat, milk or chicken eaten per week',
    },
    options: opts([
      [0, 'Tidak pernah', 'Never'],
      [1, 'Satu kali', 'Once'],
      [2, 'Dua kali atau lebih', 'Twice or more'],
    ]),
  },
  {
    field: 'newClothesPerYear',
    labels: {
      id: 'Pembelian pakaian baru untuk setiap anggota dalam setahun',
      en: 'New sets of clothes bought per member per year',
    },
    options: opts([
      [0, 'Tidak pernah', 'None'],
      [1, 'Satu stel', 'One set'],
      [2, 'Dua stel atau lebih', 'Two sets or more'],
    ]),
  },
];

/** BPS's income line for the head of household in the 14 criteria (Rp per month). */
export const HEAD_INCOME_LINE = 600_000;
/** BPS's savings line in the 14 criteria (Rp). */
export const SAVINGS_LINE = 500_000;

const meansFlags: AssetFlag[] = [
  {
    field: 'canPayClinic',
    labels: {
      id: 'Sanggup membayar biaya pengobatan di puskesmas/poliklinik',
      en: 'Able to pay for treatment at the puskesmas/clinic',
    },
  },
  {
    field: 'headIncomeBelowLine',
    labels: {
      id: 'Pendapatan kepala rumah tangga di bawah Rp600.000 per bulan',
      en: "Head of household's income below Rp600,000 a month",
    },
  },
  {
    field: 'hasSavings500k',
    labels: {
      id: 'Memiliki tabungan/barang mudah dijual minimal Rp500.000',
      en: 'Savings or easily sold goods worth at least Rp500,000',
    },
  },
];

/**
 * Job status code for "PNS/TNI/Polri/BUMN/BUMD/anggota legislatif": civil servants (ASN), soldiers (TNI),
 * police (Polri), state-enterprise staff and legislators may not be proposed into DTKS (seed 001), so a
 * member with this code is the exclusion signal eligibility checks look for.
 */
export const EXCLUSION_JOB_STATUS = 5;

/** Code of `relationship` for the head of household; exactly one member has it. */
export const HEAD_OF_HOUSEHOLD = 1;

/** Code of `occupationSector` meaning "does not work". */
export const NOT_WORKING_SECTOR = 0;

const individualFields: CodedField[] = [
  {
    field: 'relationship',
    labels: { id: 'Hubungan dengan kepala rumah tangga', en: 'Relationship to the head of household' },
    options: opts([
      [1, 'Kepala rumah tangga', 'Head of household'],
      [2, 'Istri/suami', 'Wife/husband'],
      [3, 'Anak', 'Child'],
      [4, 'Menantu', 'Child-in-law'],
      [5, 'Cucu', 'Grandchild'],
      [6, 'Orang tua/mertua', 'Parent/parent-in-law'],
      [7, 'Pembantu rumah tangga', 'Domestic worker'],
      [8, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'maritalStatus',
    labels: { id: 'Status perkawinan', en: 'Marital status' },
    options: opts([
      [1, 'Belum kawin', 'Never married'],
      [2, 'Kawin/nikah', 'Married'],
      [3, 'Cerai hidup', 'Divorced'],
      [4, 'Cerai mati', 'Widowed'],
    ]),
  },
  {
    field: 'disability',
    labels: { id: 'Jenis cacat', en: 'Type of disability' },
    options: opts([
      [0, 'Tidak cacat', 'No disability'],
      [1, 'Tuna daksa/cacat tubuh', 'Physical disability'],
      [2, 'Tuna netra/buta', 'Blind'],
      [3, 'Tuna rungu', 'Deaf'],
      [4, 'Tuna wicara', 'Mute'],
      [5, 'Tuna rungu & wicara', 'Deaf and mute'],
      [6, 'Tuna netra & cacat tubuh', 'Blind and physically disabled'],
      [7, 'Tuna netra, rungu & wicara', 'Blind, deaf and mute'],
      [8, 'Tuna rungu, wicara & cacat tubuh', 'Deaf, mute and physically disabled'],
      [9, 'Tuna rungu, wicara, netra & cacat tubuh', 'Deaf, mute, blind and physically disabled'],
      [10, 'Cacat mental retardasi', 'Intellectual disability'],
      [11, 'Mantan penderita gangguan jiwa', 'Former mental illness patient'],
      [12, 'Cacat fisik & mental', 'Physical and mental disability'],
    ]),
  },
  {
    field: 'chronicIllness',
    labels: { id: 'Penyakit kronis/menahun', en: 'Chronic illness' },
    options: opts([
      [0, 'Tidak ada', 'None'],
      [1, 'Hipertensi', 'Hypertension'],
      [2, 'Rematik', 'Rheumatism'],
      [3, 'Asma', 'Asthma'],
      [4, 'Masalah jantung', 'Heart problems'],
      [5, 'Diabetes', 'Diabetes'],
      [6, 'Tuberkulosis', 'Tuberculosis'],
      [7, 'Stroke', 'Stroke'],
      [8, 'Kanker/tumor', 'Cancer/tumour'],
      [9, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'schoolParticipation',
    labels: { id: 'Partisipasi sekolah', en: 'School participation' },
    options: opts([
      [0, 'Tidak/belum pernah sekolah', 'Never attended school'],
      [1, 'Masih sekolah', 'Still in school'],
      [2, 'Tidak bersekolah lagi', 'No longer in school'],
    ]),
  },
  {
    field: 'educationLevel',
    labels: {
      id: 'Jenjang dan jenis pendidikan tertinggi yang pernah/sedang diduduki',
      en: 'Highest level and type of education attended',
    },
    options: opts([
      [1, 'SD/SDLB', 'Primary school (incl. special needs)'],
      [2, 'Paket A', 'Paket A (primary equivalency)'],
      [3, 'M. Ibtidaiyah', 'Madrasah Ibtidaiyah (Islamic primary)'],
      [4, 'SMP/SMPLB', 'Junior secondary school (incl. special needs)'],
      [5, 'Paket B', 'Paket B (junior secondary equivalency)'],
      [6, 'M. Tsanawiyah', 'Madrasah Tsanawiyah (Islamic junior secondary)'],
      [7, 'SMA/SMK/SMALB', 'Senior secondary/vocational school (incl. special needs)'],
      [8, 'Paket C', 'Paket C (senior secondary equivalency)'],
      [9, 'M. Aliyah', 'Madrasah Aliyah (Islamic senior secondary)'],
      [10, 'Perguruan tinggi', 'Higher education'],
    ]),
  },
  {
    field: 'highestDiploma',
    labels: { id: 'Ijazah tertinggi yang dimiliki', en: 'Highest diploma held' },
    options: opts([
      [0, 'Tidak punya ijazah', 'No diploma'],
      [1, 'SD/sederajat', 'Primary or equivalent'],
      [2, 'SMP/sederajat', 'Junior secondary or equivalent'],
      [3, 'SMA/sederajat', 'Senior secondary or equivalent'],
      [4, 'D1/D2/D3', 'Diploma (D1/D2/D3)'],
      [5, 'D4/S1', "Bachelor's (D4/S1)"],
      [6, 'S2/S3', "Master's/doctorate (S2/S3)"],
    ]),
  },
  {
    field: 'occupationSector',
    labels: { id: 'Lapangan usaha dari pekerjaan utama', en: 'Sector of main occupation' },
    options: opts([
      [0, 'Tidak bekerja', 'Not working'],
      [1, 'Pertanian tanaman padi & palawija', 'Rice and secondary food crops'],
      [2, 'Hortikultura', 'Horticulture'],
      [3, 'Perkebunan', 'Plantation crops'],
      [4, 'Perikanan tangkap', 'Capture fisheries'],
      [5, 'Perikanan budidaya', 'Aquaculture'],
      [6, 'Peternakan', 'Livestock'],
      [7, 'Kehutanan & pertanian lainnya', 'Forestry and other agriculture'],
      [8, 'Pertambangan/penggalian', 'Mining/quarrying'],
      [9, 'Industri pengolahan', 'Manufacturing'],
      [10, 'Listrik dan gas', 'Electricity and gas'],
      [11, 'Bangunan/konstruksi', 'Construction'],
      [12, 'Perdagangan', 'Trade'],
      [13, 'Hotel & rumah makan', 'Hotels and restaurants'],
      [14, 'Transportasi & pergudangan', 'Transport and warehousing'],
      [15, 'Informasi & komunikasi', 'Information and communication'],
      [16, 'Keuangan & asuransi', 'Finance and insurance'],
      [17, 'Jasa pendidikan', 'Education services'],
      [18, 'Jasa kesehatan', 'Health services'],
      [19, 'Jasa kemasyarakatan, pemerintahan & perorangan', 'Community, government and personal services'],
      [20, 'Pemulung', 'Waste picker'],
      [21, 'Lainnya', 'Other'],
    ]),
  },
  {
    field: 'jobStatus',
    labels: { id: 'Status kedudukan dalam pekerjaan utama', en: 'Status in main job' },
    options: opts([
      [1, 'Berusaha sendiri', 'Self-employed'],
      [2, 'Berusaha dibantu buruh tidak tetap/tidak dibayar', 'Employer with temporary/unpaid workers'],
      [3, 'Berusaha dibantu buruh tetap/dibayar', 'Employer with permanent/paid workers'],
      [4, 'Buruh/karyawan/pegawai swasta', 'Private-sector employee'],
      [
        EXCLUSION_JOB_STATUS,
        'PNS/TNI/Polri/BUMN/BUMD/anggota legislatif',
        'Civil servant/military/police/state-enterprise employee/legislator',
      ],
      [6, 'Pekerja bebas pertanian', 'Casual agricultural worker'],
      [7, 'Pekerja bebas non-pertanian', 'Casual non-agricultural worker'],
      [8, 'Pekerja keluarga/tidak dibayar', 'Unpaid family worker'],
    ]),
  },
  {
    field: 'employerType',
    labels: { id: 'Pemberi kerja/instansi', en: 'Employer' },
    options: opts([
      [0, 'Tidak bekerja', 'Not working'],
      [1, 'ASN (PNS/PPPK)', 'Civil servant (ASN)'],
      [2, 'TNI', 'Armed forces (TNI)'],
      [3, 'Polri', 'Police (Polri)'],
      [4, 'BUMN/BUMD', 'State or regional enterprise (BUMN/BUMD)'],
      [5, 'Anggota legislatif', 'Legislator'],
      [6, 'Swasta', 'Private sector'],
      [7, 'Informal/usaha sendiri', 'Informal/self-employed'],
    ]),
  },
];

/**
 * Who employs a member. Codes 1–5 (ASN, TNI, Polri, BUMN/BUMD, legislator) are the employers whose staff may
 * not receive assistance (seed 001): the finer form of `jobStatus` 5.
 */
export const EXCLUDED_EMPLOYERS: readonly number[] = [1, 2, 3, 4, 5];

/** The highest plausible monthly income (Rp); above it the answer is a typo (an extra zero or two). */
export const MAX_MONTHLY_INCOME = 1_000_000_000;

const individualNumericFields: NumericField[] = [
  {
    field: 'monthlyIncome',
    labels: { id: 'Pendapatan per bulan', en: 'Monthly income' },
    min: 0,
    max: MAX_MONTHLY_INCOME,
    integer: true,
    unit: 'Rp',
  },
];

export const codebook: Codebook = {
  housingFields,
  numericFields,
  livestockFields,
  assetFlags,
  consumptionFields,
  meansFlags,
  individualFields,
  individualNumericFields,
};

const codedByName = new Map<string, CodedField>(
  [...housingFields, ...consumptionFields, ...individualFields].map((f) => [f.field, f]),
);
const numericByName = new Map<string, NumericField>(
  [...numericFields, ...livestockFields, ...individualNumericFields].map((f) => [f.field, f]),
);

export function codedField(field: string): CodedField | undefined {
  return codedByName.get(field);
}

export function numericField(field: string): NumericField | undefined {
  return numericByName.get(field);
}

/** True when `code` is one of the codebook's answers for `field` (false for unknown fields). */
export function isValidCode(field: string, code: number): boolean {
  return codedByName.get(field)?.options.some((o) => o.code === code) ?? false;
}

/** The answer's label in `lang`, or undefined for an unknown field or code. */
export function labelOf(field: string, code: number, lang: Lang): string | undefined {
  return codedByName.get(field)?.options.find((o) => o.code === code)?.label[lang];
}
