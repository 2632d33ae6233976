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
      source: { kind: 'composition', measure: 'memberCount' },
      transform: { type: 'log1p' },
      weight: -0.3,
    },
    {
      name: 'young_children',
      source: { kind: 'composition', measure: 'childrenUnder6' },
      transform: { type: 'linear' },
      weight: -0.05,
    },
    {
      name: 'dependency_ratio',
      source: { kind: 'composition', measure: 'dependencyRatio' },
      transform: { type: 'linear' },
      weight: -0.08,
    },
    {
      name: 'female_head',
      source: { kind: 'composition', measure: 'headFemale' },
      transform: { type: 'linear' },
      weight: -0.04,
    },
    {
      name: 'head_primary_or_less',
      source: { kind: 'composition', measure: 'headDiploma' },
      transform: { type: 'oneOf', codes: [0, 1] },
      weight: -0.1,
    },
    {
      name: 'head_tertiary',
      source: { kind: 'composition', measure: 'headDiploma' },
      transform: { type: 'oneOf', codes: [4, 5, 6] },
      weight: 0.15,
    },
    {
      name: 'working_members',
      source: { kind: 'composition', measure: 'workingMembers' },
      transform: { type: 'linear' },
      weight: 0.03,
    },
    {
      name: 'income_per_person',
      source: { kind: 'composition', measure: 'incomePerCapita' },
      transform: { type: 'log1p' },
      weight: 0.02,
    },
    {
      name: 'state_employee',
      source: { kind: 'composition', measure: 'excludedEmployerMembers' },
      transform: { type: 'atLeast', value: 1 },
      weight: 0.25,
    },
    {
      name: 'floor_area_per_person',
      source: { kind: 'composition', measure: 'floorAreaPerCapita' },
      transform: { type: 'log1p' },
      weight: 0.1,
    },
    {
      name: 'earth_bamboo_floor',
      source: { kind: 'household', field: 'floorMaterial' },
      transform: { type: 'oneOf', codes: [7, 8, 9] },
      weight: -0.12,
    },
    {
      name: 'bamboo_wood_wall',
      source: { kind: 'household', field: 'wallMaterial' },
      transform: { type: 'oneOf', codes: [4, 5, 6] },
      weight: -0.08,
    },
    {
      name: 'thatch_bamboo_roof',
      source: { kind: 'household', field: 'roofMaterial' },
      transform: { type: 'oneOf', codes: [8, 9] },
      weight: -0.06,
    },
    {
      name: 'no_private_toilet',
      source: { kind: 'household', field: 'toiletFacility' },
      transform: { type: 'oneOf', codes: [2, 3, 4] },
      weight: -0.07,
    },
    {
      name: 'bought_or_piped_water',
      source: { kind: 'household', field: 'drinkingWaterSource' },
      transform: { type: 'oneOf', codes: [1, 2, 3] },
      weight: 0.06,
    },
    {
      name: 'no_pln_electricity',
      source: { kind: 'household', field: 'lightingSource' },
      transform: { type: 'oneOf', codes: [2, 3] },
      weight: -0.08,
    },
    {
      name: 'power_1300va_plus',
      source: { kind: 'household', field: 'electricityPower' },
      transform: { type: 'oneOf', codes: [3, 4, 5] },
      weight: 0.12,
    },
    {
      name: 'wood_charcoal_kerosene',
      source: { kind: 'household', field: 'cookingFuel' },
      transform: { type: 'oneOf', codes: [5, 6, 7, 8] },
      weight: -0.1,
    },
    {
      name: 'refrigerator',
      source: { kind: 'household', field: 'hasRefrigerator' },
      transform: { type: 'linear' },
      weight: 0.1,
    },
    {
      name: 'motorcycle',
      source: { kind: 'household', field: 'hasMotorcycle' },
      transform: { type: 'linear' },
      weight: 0.08,
    },
    {
      name: 'car',
      source: { kind: 'household', field: 'hasCar' },
      transform: { type: 'linear' },
      weight: 0.3,
    },
    {
      name: 'air_conditioner',
      source: { kind: 'household', field: 'hasAirConditioner' },
      transform: { type: 'linear' },
      weight: 0.2,
    },
    {
      name: 'laptop',
      source: { kind: 'household', field: 'hasLaptop' },
      transform: { type: 'linear' },
      weight: 0.12,
    },
    {
      name: 'large_gas_cylinder',
      source: { kind: 'household', field: 'hasGas5kg' },
      transform: { type: 'linear' },
      weight: 0.08,
    },
    {
      name: 'gold_or_savings',
      source: { kind: 'household', field: 'hasGoldSavings' },
      transform: { type: 'linear' },
      weight: 0.06,
    },
    {
      name: 'savings_500k',
      source: { kind: 'household', field: 'hasSavings500k' },
      transform: { type: 'linear' },
      weight: 0.08,
    },
    {
      name: 'another_house',
      source: { kind: 'household', field: 'ownsOtherHouse' },
      transform: { type: 'linear' },
      weight: 0.12,
    },
    {
      name: 'two_meals_or_fewer',
      source: { kind: 'household', field: 'mealsPerDay' },
      transform: { type: 'atMost', value: 2 },
      weight: -0.1,
    },
    {
      name: 'no_meat_milk',
      source: { kind: 'household', field: 'meatMilkPerWeek' },
      transform: { type: 'oneOf', codes: [0] },
      weight: -0.06,
    },
  ],
};
