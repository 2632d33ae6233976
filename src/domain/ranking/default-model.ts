/**
 * The default proxy-means test shipped with DTKS. Kemensos/BPS do not publish their PMT coefficients, so
 * these weights are not the official ones: they follow the published PMT literature for Indonesia (household
 * size and dependants lower consumption per person; housing quality, energy, and durable assets raise it)
 * in sizes that give sensible orderings, and are explained variable by variable in docs/ranking.md.
 * A ministry analyst replaces them by uploading a new model version.
 */
import type { RankingModel } from './model.ts';

export const DEFAULT_MODEL: RankingModel = {
  version: 'pmt-default-1',
  description:
    'Default DTKS proxy-means test: an illustrative model of log monthly consumption per person, not the official (unpublished) coefficients.',
  intercept: 12.9,
  variables: [
    {
      name: 'household_size',
      label: { id: 'Jumlah anggota rumah tangga', en: 'Household size' },
      source: { kind: 'composition', measure: 'memberCount' },
      transform: { type: 'log1p' },
      weight: -0.3,
    },
    {
      name: 'young_children',
      label: { id: 'Anak balita (di bawah 6 tahun)', en: 'Children under 6' },
      source: { kind: 'composition', measure: 'childrenUnder6' },
      transform: { type: 'linear' },
      weight: -0.05,
    },
    {
      name: 'dependency_ratio',
      label: { id: 'Rasio ketergantungan', en: 'Dependency ratio' },
      source: { kind: 'composition', measure: 'dependencyRatio' },
      transform: { type: 'linear' },
      weight: -0.08,
    },
    {
      name: 'female_head',
      label: { id: 'Kepala rumah tangga perempuan', en: 'Female head of household' },
      source: { kind: 'composition', measure: 'headFemale' },
      transform: { type: 'linear' },
      weight: -0.04,
    },
    {
      name: 'head_primary_or_less',
      label: {
        id: 'Kepala rumah tangga berijazah SD atau tidak berijazah',
        en: 'Head has primary school or less',
      },
      source: { kind: 'composition', measure: 'headDiploma' },
      transform: { type: 'oneOf', codes: [0, 1] },
      weight: -0.1,
    },
    {
      name: 'head_tertiary',
      label: {
        id: 'Kepala rumah tangga berijazah perguruan tinggi',
        en: 'Head has a higher education diploma',
      },
      source: { kind: 'composition', measure: 'headDiploma' },
      transform: { type: 'oneOf', codes: [4, 5, 6] },
      weight: 0.15,
    },
    {
      name: 'working_members',
      label: { id: 'Anggota yang bekerja', en: 'Working members' },
      source: { kind: 'composition', measure: 'workingMembers' },
      transform: { type: 'linear' },
      weight: 0.03,
    },
    {
      name: 'income_per_person',
      label: { id: 'Pendapatan per orang', en: 'Income per person' },
      source: { kind: 'composition', measure: 'incomePerCapita' },
      transform: { type: 'log1p' },
      weight: 0.02,
    },
    {
      name: 'state_employee',
      label: {
        id: 'Anggota ASN/TNI/Polri/BUMN/legislatif',
        en: 'Member employed by the state (ASN/TNI/Polri/BUMN) or a legislator',
      },
      source: { kind: 'composition', measure: 'excludedEmployerMembers' },
      transform: { type: 'atLeast', value: 1 },
      weight: 0.25,
    },
    {
      name: 'floor_area_per_person',
      label: { id: 'Luas lantai per orang', en: 'Floor area per person' },
      source: { kind: 'composition', measure: 'floorAreaPerCapita' },
      transform: { type: 'log1p' },
      weight: 0.1,
    },
    {
      name: 'earth_bamboo_floor',
      label: { id: 'Lantai tanah/bambu/kayu murah', en: 'Earth, bamboo or cheap wood floor' },
      source: { kind: 'household', field: 'floorMaterial' },
      transform: { type: 'oneOf', codes: [7, 8, 9] },
      weight: -0.12,
    },
    {
      name: 'bamboo_wood_wall',
      label: { id: 'Dinding bambu/kayu', en: 'Bamboo or log walls' },
      source: { kind: 'household', field: 'wallMaterial' },
      transform: { type: 'oneOf', codes: [4, 5, 6] },
      weight: -0.08,
    },
    {
      name: 'thatch_bamboo_roof',
      label: { id: 'Atap jerami/bambu', en: 'Thatch or bamboo roof' },
      source: { kind: 'household', field: 'roofMaterial' },
      transform: { type: 'oneOf', codes: [8, 9] },
      weight: -0.06,
    },
    {
      name: 'no_private_toilet',
      label: { id: 'Tidak punya jamban sendiri', en: 'No private toilet' },
      source: { kind: 'household', field: 'toiletFacility' },
      transform: { type: 'oneOf', codes: [2, 3, 4] },
      weight: -0.07,
    },
    {
      name: 'bought_or_piped_water',
      label: { id: 'Air minum kemasan/isi ulang/leding', en: 'Bought or piped drinking water' },
      source: { kind: 'household', field: 'drinkingWaterSource' },
      transform: { type: 'oneOf', codes: [1, 2, 3] },
      weight: 0.06,
    },
    {
      name: 'no_pln_electricity',
      label: { id: 'Tanpa listrik PLN', en: 'No PLN electricity' },
      source: { kind: 'household', field: 'lightingSource' },
      transform: { type: 'oneOf', codes: [2, 3] },
      weight: -0.08,
    },
    {
      name: 'power_1300va_plus',
      label: { id: 'Daya listrik 1.300 VA atau lebih', en: '1,300 VA or more electrical power' },
      source: { kind: 'household', field: 'electricityPower' },
      transform: { type: 'oneOf', codes: [3, 4, 5] },
      weight: 0.12,
    },
    {
      name: 'wood_charcoal_kerosene',
      label: { id: 'Memasak dengan kayu/arang/minyak tanah', en: 'Cooks with wood, charcoal or kerosene' },
      source: { kind: 'household', field: 'cookingFuel' },
      transform: { type: 'oneOf', codes: [5, 6, 7, 8] },
      weight: -0.1,
    },
    {
      name: 'refrigerator',
      label: { id: 'Lemari es', en: 'Refrigerator' },
      source: { kind: 'household', field: 'hasRefrigerator' },
      transform: { type: 'linear' },
      weight: 0.1,
    },
    {
      name: 'motorcycle',
      label: { id: 'Sepeda motor', en: 'Motorcycle' },
      source: { kind: 'household', field: 'hasMotorcycle' },
      transform: { type: 'linear' },
      weight: 0.08,
    },
    {
      name: 'car',
      label: { id: 'Mobil', en: 'Car' },
      source: { kind: 'household', field: 'hasCar' },
      transform: { type: 'linear' },
      weight: 0.3,
    },
    {
      name: 'air_conditioner',
      label: { id: 'AC', en: 'Air conditioner' },
      source: { kind: 'household', field: 'hasAirConditioner' },
      transform: { type: 'linear' },
      weight: 0.2,
    },
    {
      name: 'laptop',
      label: { id: 'Komputer/laptop', en: 'Computer/laptop' },
      source: { kind: 'household', field: 'hasLaptop' },
      transform: { type: 'linear' },
      weight: 0.12,
    },
    {
      name: 'large_gas_cylinder',
      label: { id: 'Tabung gas 5,5 kg atau lebih', en: 'Gas cylinder of 5.5 kg or more' },
      source: { kind: 'household', field: 'hasGas5kg' },
      transform: { type: 'linear' },
      weight: 0.08,
    },
    {
      name: 'gold_or_savings',
      label: { id: 'Emas/perhiasan dan tabungan', en: 'Gold/jewellery and savings' },
      source: { kind: 'household', field: 'hasGoldSavings' },
      transform: { type: 'linear' },
      weight: 0.06,
    },
    {
      name: 'savings_500k',
      label: { id: 'Tabungan minimal Rp500.000', en: 'Savings of at least Rp500,000' },
      source: { kind: 'household', field: 'hasSavings500k' },
      transform: { type: 'linear' },
      weight: 0.08,
    },
    {
      name: 'another_house',
      label: { id: 'Rumah di tempat lain', en: 'House elsewhere' },
      source: { kind: 'household', field: 'ownsOtherHouse' },
      transform: { type: 'linear' },
      weight: 0.12,
    },
    {
      name: 'two_meals_or_fewer',
      label: { id: 'Makan dua kali sehari atau kurang', en: 'Two meals a day or fewer' },
      source: { kind: 'household', field: 'mealsPerDay' },
      transform: { type: 'atMost', value: 2 },
      weight: -0.1,
    },
    {
      name: 'no_meat_milk',
      label: { id: 'Tidak pernah makan daging/susu/ayam', en: 'Never eats meat, milk or chicken' },
      source: { kind: 'household', field: 'meatMilkPerWeek' },
      transform: { type: 'oneOf', codes: [0] },
      weight: -0.06,
    },
  ],
};
