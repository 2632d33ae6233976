/**
 * Indonesian personal names for synthetic households, by naming tradition, and which traditions are common in
 * which province. Invented combinations of common names: any resemblance to a real person is chance.
 * Traditions differ in shape, and the generator keeps those shapes consistent inside a family:
 * Batak children carry their father's marga (daughters as "br. Marga"), eastern Christian and Papuan
 * families share a family name, Balinese children are named by birth order (Wayan, Made, Nyoman, Ketut).
 */
import type { Rng } from './prng.ts';

export type NamingTradition =
  | 'javanese'
  | 'sundanese'
  | 'malay'
  | 'minang'
  | 'batak'
  | 'balinese'
  | 'bugis'
  | 'christian_east'
  | 'papuan';

export type Sex = 'M' | 'F';

interface Pool {
  /** Given names common among people born before about 1975. */
  olderMale: readonly string[];
  olderFemale: readonly string[];
  /** Given names common among younger people. */
  youngerMale: readonly string[];
  youngerFemale: readonly string[];
  /** Second words of a two-word name (not a family name). */
  secondMale: readonly string[];
  secondFemale: readonly string[];
  /** Family names (marga, fam) passed from father to children; empty when the tradition has none. */
  family: readonly string[];
}

const MUSLIM_SECOND_MALE = [
  'Hidayat',
  'Saputra',
  'Setiawan',
  'Kurniawan',
  'Hakim',
  'Fauzi',
  'Rahman',
  'Syahputra',
  'Ramadhan',
  'Maulana',
  'Firmansyah',
  'Hasan',
  'Iskandar',
  'Nugraha',
  'Akbar',
];
const MUSLIM_SECOND_FEMALE = [
  'Wahyuni',
  'Handayani',
  'Lestari',
  'Rahmawati',
  'Fitriani',
  'Susanti',
  'Hasanah',
  'Aisyah',
  'Safitri',
  'Nurjanah',
  'Maharani',
  'Ramadhani',
  'Utami',
  'Anggraini',
];

const POOLS: Record<NamingTradition, Pool> = {
  javanese: {
    olderMale: [
      'Sutrisno',
      'Slamet',
      'Sugiyono',
      'Paijo',
      'Suparman',
      'Sukardi',
      'Warsito',
      'Ngadiman',
      'Sumarno',
      'Suwarno',
      'Tukiman',
      'Wagiman',
      'Karyono',
      'Parjo',
      'Mujiono',
      'Sarwono',
      'Rusdi',
      'Darmaji',
    ],
    olderFemale: [
      'Sumarni',
      'Sukinah',
      'Ngatini',
      'Painem',
      'Suparti',
      'Tumini',
      'Sulastri',
      'Wagiyem',
      'Sutinah',
      'Poniyem',
      'Sri Mulyani',
      'Sri Rahayu',
      'Kasiyem',
      'Tukinem',
      'Siti Maryam',
      'Suwarni',
    ],
    youngerMale: [
      'Budi',
      'Agus',
      'Eko',
      'Dwi',
      'Joko',
      'Dimas',
      'Bayu',
      'Rizky',
      'Andi',
      'Aditya',
      'Fajar',
      'Yoga',
      'Galih',
      'Wahyu',
      'Bagus',
      'Arif',
      'Teguh',
      'Dani',
      'Rendi',
      'Hendra',
    ],
    youngerFemale: [
      'Sri',
      'Dewi',
      'Rina',
      'Putri',
      'Ayu',
      'Wulan',
      'Endah',
      'Ratna',
      'Indah',
      'Nur',
      'Dyah',
      'Tri',
      'Anisa',
      'Novi',
      'Eka',
      'Yuni',
      'Lina',
      'Intan',
      'Sinta',
    ],
    secondMale: [
      'Santoso',
      'Prasetyo',
      'Wibowo',
      'Susilo',
      'Purnomo',
      'Nugroho',
      'Setiawan',
      'Pratama',
      'Saputro',
      'Hartono',
      'Kuncoro',
      'Wicaksono',
      'Budiman',
      'Raharjo',
      'Utomo',
    ],
    secondFemale: [
      'Lestari',
      'Wahyuni',
      'Rahayu',
      'Handayani',
      'Purwanti',
      'Susanti',
      'Wulandari',
      'Astuti',
      'Kusumawati',
      'Pratiwi',
      'Setyaningsih',
      'Widayati',
      'Sulistyowati',
      'Ningsih',
    ],
    family: [],
  },
  sundanese: {
    olderMale: [
      'Asep',
      'Ujang',
      'Dadang',
      'Cecep',
      'Enjang',
      'Odih',
      'Entis',
      'Ahmad',
      'Iwan',
      'Dede',
      'Maman',
      'Ade',
      'Oman',
      'Endang',
      'Aceng',
      'Eman',
    ],
    olderFemale: [
      'Euis',
      'Neneng',
      'Iis',
      'Entin',
      'Imas',
      'Enok',
      'Cucu',
      'Ela',
      'Nining',
      'Yoyoh',
      'Enung',
      'Oom',
      'Popon',
      'Titin',
      'Iyah',
    ],
    youngerMale: [
      'Asep',
      'Ujang',
      'Rizal',
      'Deden',
      'Yayan',
      'Ridwan',
      'Fikri',
      'Gilang',
      'Rangga',
      'Ilham',
      'Dede',
      'Yusuf',
      'Acep',
      'Irfan',
      'Fajar',
    ],
    youngerFemale: [
      'Neng',
      'Siti',
      'Rina',
      'Lilis',
      'Nurul',
      'Resti',
      'Rini',
      'Yuli',
      'Dewi',
      'Santi',
      'Ayu',
      'Fitri',
      'Sri',
      'Mela',
      'Nia',
    ],
    secondMale: [
      'Saepudin',
      'Sopian',
      'Suryana',
      'Hidayat',
      'Rohmat',
      'Sutisna',
      'Kurniawan',
      'Supriatna',
      'Permana',
      'Gunawan',
      'Mulyana',
      'Ruhiyat',
      'Sunarya',
      'Rukmana',
    ],
    secondFemale: [
      'Kurniasih',
      'Rohayati',
      'Nurhasanah',
      'Komalasari',
      'Sumiati',
      'Maryati',
      'Sukaesih',
      'Aisyah',
      'Fitriani',
      'Mulyati',
      'Rahmawati',
      'Nurlela',
      'Kartini',
    ],
    family: [],
  },
  malay: {
    olderMale: [
      'Abdullah',
      'Zulkifli',
      'Ismail',
      'Ibrahim',
      'Syamsul',
      'Usman',
      'Ahmad',
      'Muhammad',
      'Abdul Rahman',
      'Harun',
      'Zainal',
      'Sulaiman',
      'Yusuf',
      'Husin',
      'Jamaluddin',
      'Darwis',
    ],
    olderFemale: [
      'Siti Aminah',
      'Nurhayati',
      'Fatimah',
      'Rohani',
      'Zainab',
      'Maimunah',
      'Rosnah',
      'Halimah',
      'Saodah',
      'Khadijah',
      'Aminah',
      'Salmah',
      'Jamilah',
      'Rukiah',
    ],
    youngerMale: [
      'Muhammad',
      'Ahmad',
      'Rizki',
      'Fadli',
      'Hafiz',
      'Reza',
      'Irfan',
      'Zaki',
      'Farhan',
      'Rahmat',
      'Hendra',
      'Iqbal',
      'Ilham',
      'Arif',
      'Fikri',
    ],
    youngerFemale: [
      'Nurul',
      'Siti',
      'Fitri',
      'Aulia',
      'Nadia',
      'Rahma',
      'Zahra',
      'Dina',
      'Nabila',
      'Yuliana',
      'Mira',
      'Aisyah',
      'Salsabila',
      'Putri',
    ],
    secondMale: MUSLIM_SECOND_MALE,
    secondFemale: MUSLIM_SECOND_FEMALE,
    family: [],
  },
  minang: {
    olderMale: [
      'Syafrizal',
      'Afrizal',
      'Zulhendri',
      'Yuswardi',
      'Asril',
      'Nasrul',
      'Erman',
      'Darmawi',
      'Jasman',
      'Syahrial',
      'Yusran',
      'Marzuki',
      'Nofrizal',
      'Basri',
    ],
    olderFemale: [
      'Yusnidar',
      'Desmawati',
      'Nurhasanah',
      'Yurnalis',
      'Asniwati',
      'Rosmaniar',
      'Yuliarni',
      'Erniwati',
      'Nurlaili',
      'Syamsidar',
      'Wirdawati',
      'Zulbaidah',
    ],
    youngerMale: [
      'Rizal',
      'Fadhil',
      'Rahmat',
      'Randi',
      'Yogi',
      'Aldo',
      'Fikri',
      'Hafiz',
      'Ilham',
      'Dafa',
      'Rafi',
      'Fauzan',
    ],
    youngerFemale: [
      'Yulia',
      'Rahmi',
      'Ulfa',
      'Nadia',
      'Fitri',
      'Mutia',
      'Suci',
      'Rani',
      'Dinda',
      'Zahara',
      'Annisa',
      'Rezky',
    ],
    secondMale: ['Efendi', 'Putra', 'Syahputra', 'Hidayat', 'Fauzi', 'Ananda', 'Saputra', 'Amri', 'Rahman'],
    secondFemale: ['Fitri', 'Yanti', 'Novita', 'Rahmadani', 'Sari', 'Wahyuni', 'Oktavia', 'Husna'],
    family: [],
  },
  batak: {
    olderMale: [
      'Togar',
      'Lamhot',
      'Maruli',
      'Parulian',
      'Binsar',
      'Tumpal',
      'Horas',
      'Sahat',
      'Bonar',
      'Marihot',
      'Jonggi',
      'Poltak',
      'Anggiat',
      'Darwin',
    ],
    olderFemale: [
      'Rosmawati',
      'Tiurma',
      'Rumondang',
      'Dumaria',
      'Nurmala',
      'Lasma',
      'Tiominar',
      'Saurma',
      'Rosdiana',
      'Masniari',
      'Erlina',
      'Tetty',
    ],
    youngerMale: [
      'Rudi',
      'Roy',
      'Daniel',
      'Jhonson',
      'Frans',
      'Hendrik',
      'Samuel',
      'Ricky',
      'Yosua',
      'Boy',
      'Andreas',
      'Kevin',
    ],
    youngerFemale: [
      'Maria',
      'Debora',
      'Sarah',
      'Elisabeth',
      'Yohana',
      'Lestari',
      'Rut',
      'Grace',
      'Monika',
      'Sonya',
      'Melati',
      'Tiara',
    ],
    secondMale: [],
    secondFemale: [],
    family: [
      'Simanjuntak',
      'Situmorang',
      'Nainggolan',
      'Siregar',
      'Hutapea',
      'Sitompul',
      'Pardede',
      'Simbolon',
      'Sinaga',
      'Manurung',
      'Harahap',
      'Lubis',
      'Nasution',
      'Panjaitan',
      'Sihombing',
      'Tambunan',
      'Hutagalung',
      'Silalahi',
      'Sembiring',
      'Ginting',
    ],
  },
  balinese: {
    olderMale: [
      'Sudarsana',
      'Suweca',
      'Merta',
      'Sukadana',
      'Suardana',
      'Wirawan',
      'Parwata',
      'Sukarta',
      'Rai',
      'Sumerta',
      'Mudana',
      'Darma',
    ],
    olderFemale: [
      'Suartini',
      'Sukerti',
      'Wartini',
      'Rai',
      'Sumiati',
      'Suastini',
      'Murni',
      'Sukasih',
      'Kartini',
      'Ariani',
      'Sriani',
    ],
    youngerMale: [
      'Adi Saputra',
      'Agus Suardana',
      'Dwi Pranata',
      'Yoga Pratama',
      'Arya Wiguna',
      'Angga Prayoga',
      'Krisna',
      'Surya Dharma',
      'Bagus',
      'Eka Putra',
    ],
    youngerFemale: [
      'Ayu Lestari',
      'Dewi Astuti',
      'Ari Widiantari',
      'Sri Wahyuni',
      'Putri Handayani',
      'Ratna Dewi',
      'Eka Yanti',
      'Mas Ariani',
      'Diah Pratiwi',
    ],
    secondMale: [],
    secondFemale: [],
    family: [],
  },
  bugis: {
    olderMale: [
      'Baharuddin',
      'Syamsuddin',
      'Hasanuddin',
      'Abdul Karim',
      'Muhammad Arif',
      'Mappiare',
      'Lamusa',
      'Sultan',
      'Jamaluddin',
      'Nurdin',
      'Amiruddin',
      'Hamzah',
      'Ridwan',
    ],
    olderFemale: [
      'Hasnah',
      'Nurmiati',
      'Sitti',
      'Rahmatia',
      'Hadijah',
      'Nurhaedah',
      'Sahariah',
      'Jumriah',
      'Hasmawati',
      'Kasmawati',
      'Murniati',
    ],
    youngerMale: [
      'Andi',
      'Muhammad',
      'Ahmad',
      'Rahmat',
      'Irwan',
      'Fadli',
      'Akbar',
      'Syahrul',
      'Reski',
      'Aswar',
      'Ardi',
      'Ilham',
    ],
    youngerFemale: [
      'Nurul',
      'Rahmawati',
      'Irmawati',
      'Andi',
      'Sitti',
      'Fitriani',
      'Musdalifah',
      'Wahyuni',
      'Reski',
      'Nur Aisyah',
      'Ayu',
    ],
    secondMale: ['Syam', 'Rahman', 'Saputra', 'Akbar', 'Jaya', 'Hidayat', 'Ilyas', 'Amin'],
    secondFemale: ['Rahmawati', 'Nurhidayah', 'Sari', 'Ningsih', 'Amalia', 'Syamsiah', 'Dewi'],
    family: [],
  },
  christian_east: {
    olderMale: [
      'Yohanes',
      'Fransiskus',
      'Yosef',
      'Markus',
      'Yakob',
      'Petrus',
      'Paulus',
      'Agustinus',
      'Dominikus',
      'Stefanus',
      'Mikael',
      'Hendrik',
      'Yulius',
    ],
    olderFemale: [
      'Maria',
      'Agustina',
      'Theresia',
      'Yuliana',
      'Magdalena',
      'Katarina',
      'Margaretha',
      'Martha',
      'Elisabet',
      'Veronika',
      'Regina',
      'Anastasia',
    ],
    youngerMale: [
      'Kevin',
      'Rian',
      'Yosua',
      'Gabriel',
      'Aldo',
      'Rio',
      'Frengky',
      'Marvel',
      'Jefri',
      'Stevanus',
      'Ronaldo',
      'Alfons',
    ],
    youngerFemale: [
      'Maria',
      'Angel',
      'Yuliana',
      'Natalia',
      'Priska',
      'Febiola',
      'Sisilia',
      'Meylan',
      'Grace',
      'Irene',
      'Kristin',
      'Yolanda',
    ],
    secondMale: [],
    secondFemale: [],
    family: [
      'Bria',
      'Seran',
      'Nahak',
      'Ndun',
      'Lado',
      'Manek',
      'Rumengan',
      'Lumowa',
      'Wenas',
      'Mandagi',
      'Pangkey',
      'Sahetapy',
      'Tuhumury',
      'Pattiasina',
      'Latumahina',
      'Ratu',
      'Kaunang',
      'Lelo',
      'Tefa',
      'Toding',
    ],
  },
  papuan: {
    olderMale: [
      'Yance',
      'Markus',
      'Yulianus',
      'Nikolas',
      'Obet',
      'Yakob',
      'Simon',
      'Elias',
      'Yeremias',
      'Benyamin',
      'Lukas',
      'Daud',
    ],
    olderFemale: [
      'Maria',
      'Naomi',
      'Yuliana',
      'Marice',
      'Ester',
      'Lea',
      'Rahel',
      'Sara',
      'Yosina',
      'Dorkas',
      'Ribka',
    ],
    youngerMale: [
      'Yohanis',
      'Alex',
      'Frans',
      'Yosias',
      'Agus',
      'Demianus',
      'Natan',
      'Nelson',
      'Boaz',
      'Pilipus',
      'Otis',
    ],
    youngerFemale: [
      'Novita',
      'Yuliana',
      'Mince',
      'Debora',
      'Selvi',
      'Herlina',
      'Martina',
      'Fince',
      'Yenny',
      'Susana',
    ],
    secondMale: [],
    secondFemale: [],
    family: [
      'Wenda',
      'Kogoya',
      'Tabuni',
      'Yikwa',
      'Murib',
      'Wonda',
      'Karoba',
      'Mayor',
      'Rumbiak',
      'Kareth',
      'Mandowen',
      'Rumbewas',
      'Yoku',
      'Wanimbo',
      'Enumbi',
      'Wakerkwa',
    ],
  },
};

/** Share of each tradition by province code (Kemendagri). Provinces not listed use `DEFAULT_MIX`. */
const PROVINCE_MIX: Record<string, readonly (readonly [NamingTradition, number])[]> = {
  '11': [
    ['malay', 94],
    ['batak', 3],
    ['javanese', 3],
  ],
  '12': [
    ['batak', 45],
    ['malay', 28],
    ['javanese', 27],
  ],
  '13': [
    ['minang', 88],
    ['malay', 6],
    ['javanese', 6],
  ],
  '18': [
    ['javanese', 62],
    ['malay', 26],
    ['sundanese', 12],
  ],
  '31': [
    ['javanese', 34],
    ['malay', 30],
    ['sundanese', 16],
    ['batak', 10],
    ['christian_east', 5],
    ['minang', 5],
  ],
  '32': [
    ['sundanese', 80],
    ['javanese', 14],
    ['malay', 6],
  ],
  '33': [
    ['javanese', 97],
    ['sundanese', 3],
  ],
  '34': [['javanese', 100]],
  '35': [
    ['javanese', 82],
    ['malay', 18],
  ],
  '36': [
    ['sundanese', 70],
    ['javanese', 15],
    ['malay', 15],
  ],
  '51': [
    ['balinese', 88],
    ['javanese', 9],
    ['malay', 3],
  ],
  '52': [
    ['malay', 90],
    ['balinese', 5],
    ['bugis', 5],
  ],
  '53': [
    ['christian_east', 90],
    ['malay', 7],
    ['bugis', 3],
  ],
  '71': [
    ['christian_east', 78],
    ['malay', 17],
    ['bugis', 5],
  ],
  '72': [
    ['bugis', 45],
    ['malay', 30],
    ['christian_east', 15],
    ['javanese', 10],
  ],
  '73': [
    ['bugis', 88],
    ['christian_east', 8],
    ['javanese', 4],
  ],
  '74': [
    ['bugis', 75],
    ['malay', 15],
    ['javanese', 10],
  ],
  '75': [
    ['malay', 90],
    ['bugis', 10],
  ],
  '76': [
    ['bugis', 85],
    ['christian_east', 10],
    ['javanese', 5],
  ],
  '81': [
    ['christian_east', 50],
    ['malay', 45],
    ['bugis', 5],
  ],
  '82': [
    ['malay', 75],
    ['christian_east', 20],
    ['bugis', 5],
  ],
};
const KALIMANTAN_MIX = [
  ['malay', 50],
  ['javanese', 28],
  ['bugis', 10],
  ['christian_east', 7],
  ['batak', 5],
] as const;
const SUMATRA_MIX = [
  ['malay', 58],
  ['javanese', 30],
  ['minang', 7],
  ['batak', 5],
] as const;
const PAPUA_MIX = [
  ['papuan', 62],
  ['javanese', 15],
  ['bugis', 13],
  ['christian_east', 10],
] as const;
const DEFAULT_MIX = [
  ['javanese', 40],
  ['malay', 30],
  ['sundanese', 15],
  ['bugis', 15],
] as const;

/** The mix of naming traditions in a province (first two digits of a region code). */
export function traditionMix(provinceCode: string): readonly (readonly [NamingTradition, number])[] {
  const exact = PROVINCE_MIX[provinceCode];
  if (exact) return exact;
  const first = provinceCode[0];
  if (first === '6') return KALIMANTAN_MIX;
  if (first === '1' || provinceCode === '21') return SUMATRA_MIX;
  if (first === '9') return PAPUA_MIX;
  return DEFAULT_MIX;
}

export function hasFamilyNames(tradition: NamingTradition): boolean {
  return POOLS[tradition].family.length > 0;
}

/** The family names (marga, fam) of a tradition; empty when it has none. */
export function familyNames(tradition: NamingTradition): readonly string[] {
  return POOLS[tradition].family;
}

export function pickFamilyName(rng: Rng, tradition: NamingTradition): string | null {
  const pool = POOLS[tradition].family;
  return pool.length ? rng.pick(pool) : null;
}

const BALINESE_ORDER: Record<Sex, readonly (readonly string[])[]> = {
  M: [['Wayan', 'Putu', 'Gede'], ['Made', 'Kadek', 'Nengah'], ['Nyoman', 'Komang'], ['Ketut']],
  F: [['Wayan', 'Putu', 'Luh'], ['Made', 'Kadek', 'Nengah'], ['Nyoman', 'Komang'], ['Ketut']],
};

export interface NameRequest {
  tradition: NamingTradition;
  sex: Sex;
  birthYear: number;
  /** The family name a child inherits (Batak marga, eastern fam); ignored by traditions without one. */
  familyName?: string | null;
  /** 1-based birth order among siblings, for Balinese names; a guess is used when absent. */
  birthOrder?: number;
}

/** A full name in the tradition's usual shape, with older or younger given names by birth year. */
export function personName(rng: Rng, r: NameRequest): string {
  const pool = POOLS[r.tradition];
  const older = r.birthYear < 1975 || (r.birthYear < 1990 && rng.chance(0.35));
  const given = older
    ? r.sex === 'M'
      ? pool.olderMale
      : pool.olderFemale
    : r.sex === 'M'
      ? pool.youngerMale
      : pool.youngerFemale;
  const first = rng.pick(given);

  if (r.tradition === 'balinese') {
    const order = r.birthOrder ?? rng.int(1, 4);
    const orderName = rng.pick(BALINESE_ORDER[r.sex][(order - 1) % 4]!);
    return `${r.sex === 'M' ? 'I' : 'Ni'} ${orderName} ${first}`;
  }
  if (pool.family.length) {
    const family = r.familyName ?? rng.pick(pool.family);
    // Batak women are written "br. Marga" (boru); other traditions write the family name plainly.
    if (r.tradition === 'batak' && r.sex === 'F') return `${first} br. ${family}`;
    return `${first} ${family}`;
  }
  const seconds = r.sex === 'M' ? pool.secondMale : pool.secondFemale;
  // Single names are common among older Javanese and Sundanese; younger people mostly have two or three.
  const singleShare = older ? 0.55 : 0.15;
  if (first.includes(' ') || seconds.length === 0 || rng.chance(singleShare)) return first;
  const second = rng.pick(seconds);
  if (second === first) return first;
  if (!older && rng.chance(0.2)) {
    const third = rng.pick(seconds);
    if (third !== second && third !== first) return `${first} ${second} ${third}`;
  }
  return `${first} ${second}`;
}
