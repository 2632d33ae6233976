import type { CreateTableBuilder } from 'kysely';
import type { DbEngine } from '../dialect.ts';
import type { Migration } from '../migrate.ts';

// biome-ignore lint/suspicious/noExplicitAny: DDL builders are untyped by nature
type TableBuilder = CreateTableBuilder<any, any>;

/** Region columns shared by every large table; province_code is the future partition key. */
function addRegionColumns(t: TableBuilder): TableBuilder {
  return t
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('regency_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull());
}

/** Status, optimistic-concurrency version and who/when, shared by every record table. */
function addRecordColumns(t: TableBuilder, e: DbEngine): TableBuilder {
  return t
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('removal_reason', 'text')
    .addColumn('removal_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
    .addColumn('created_by', e.types.uuid)
    .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
    .addColumn('updated_by', e.types.uuid);
}

const HOUSEHOLD_SMALLINT_COLUMNS = [
  'building_tenure',
  'land_tenure',
  'floor_material',
  'wall_material',
  'wall_condition',
  'roof_material',
  'roof_condition',
  'drinking_water_source',
  'lighting_source',
  'electricity_power',
  'cooking_fuel',
  'toilet_facility',
  'toilet_type',
  'sewage_disposal',
  'has_gas5kg',
  'has_refrigerator',
  'has_air_conditioner',
  'has_water_heater',
  'has_landline',
  'has_television',
  'has_gold_savings',
  'has_laptop',
  'has_bicycle',
  'has_motorcycle',
  'has_car',
  'has_boat',
  'has_outboard_motor',
  'has_motorboat',
  'has_ship',
  'owns_land',
  'owns_other_house',
  'runs_business',
];
const HOUSEHOLD_INTEGER_COLUMNS = [
  'floor_area_m2',
  'room_count',
  'land_area_m2',
  'cattle_count',
  'buffalo_count',
  'horse_count',
  'pig_count',
  'goat_count',
];
const PERSON_SMALLINT_COLUMNS = [
  'marital_status',
  'pregnant',
  'disability',
  'chronic_illness',
  'school_participation',
  'education_level',
  'highest_diploma',
  'occupation_sector',
  'job_status',
];

export const registryMigration: Migration = {
  name: '001_registry',
  async up(db, e) {
    const s = db.schema;
    await s
      .createTable('regions')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'smallint', (c) => c.notNull())
      .addColumn('parent_code', 'text')
      .addColumn('province_code', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('regions_parent_idx').on('regions').columns(['parent_code', 'code']).execute();

    await s
      .createTable('users')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', e.types.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .execute();

    await s
      .createTable('auth_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', e.types.uuid, (c) => c.notNull().references('users.id'))
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('expires_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('last_used_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', e.types.timestamp)
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await s.createIndex('auth_sessions_user_idx').on('auth_sessions').column('user_id').execute();

    let households: TableBuilder = s
      .createTable('households')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('kk_number', 'text', (c) => c.notNull())
      .addColumn('rw', 'text', (c) => c.notNull())
      .addColumn('rt', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('latitude', 'real')
      .addColumn('longitude', 'real')
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('head_name_search', 'text', (c) => c.notNull())
      .addColumn('member_count', 'integer', (c) => c.notNull());
    households = addRegionColumns(households);
    households = addRecordColumns(households, e);
    for (const col of HOUSEHOLD_SMALLINT_COLUMNS) households = households.addColumn(col, 'smallint');
    for (const col of HOUSEHOLD_INTEGER_COLUMNS) households = households.addColumn(col, 'integer');
    await households.execute();
    // Lists page by id (UUIDv7: creation order) inside one territory level.
    for (const level of ['province', 'regency', 'district', 'village']) {
      await s
        .createIndex(`households_${level}_idx`)
        .on('households')
        .columns([`${level}_code`, 'id'])
        .execute();
    }
    await s.createIndex('households_kk_idx').on('households').column('kk_number').execute();

    let persons: TableBuilder = s
      .createTable('persons')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('nik', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_search', 'text', (c) => c.notNull())
      .addColumn('birth_place', 'text')
      .addColumn('birth_date', e.types.date, (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull())
      .addColumn('relationship', 'smallint', (c) => c.notNull());
    persons = addRegionColumns(persons);
    persons = addRecordColumns(persons, e);
    for (const col of PERSON_SMALLINT_COLUMNS) persons = persons.addColumn(col, 'smallint');
    await persons.execute();
    await s.createIndex('persons_household_idx').on('persons').column('household_id').execute();
    await s.createIndex('persons_nik_idx').on('persons').column('nik').execute();

    await s
      .createTable('nik_registry')
      .addColumn('nik', 'text', (c) => c.primaryKey())
      .addColumn('person_id', e.types.uuid, (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('record_versions')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('change_type', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('changed_by', e.types.uuid)
      .addColumn('changed_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await s
      .createIndex('record_versions_entity_idx')
      .on('record_versions')
      .columns(['entity_id', 'version'])
      .unique()
      .execute();

    let ppks: TableBuilder = s
      .createTable('ppks')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('nik', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_search', 'text', (c) => c.notNull())
      .addColumn('birth_date', e.types.date)
      .addColumn('sex', 'text')
      .addColumn('rw', 'text')
      .addColumn('rt', 'text')
      .addColumn('address', 'text')
      .addColumn('person_id', e.types.uuid)
      .addColumn('notes', 'text');
    ppks = addRegionColumns(ppks);
    ppks = addRecordColumns(ppks, e);
    await ppks.execute();
    await s.createIndex('ppks_village_idx').on('ppks').columns(['village_code', 'id']).execute();
    await s.createIndex('ppks_regency_idx').on('ppks').columns(['regency_code', 'id']).execute();
    await s.createIndex('ppks_nik_idx').on('ppks').column('nik').execute();

    await s
      .createTable('ppks_categories')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('ppks_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('start_date', e.types.date, (c) => c.notNull())
      .addColumn('end_date', e.types.date)
      .execute();
    await s.createIndex('ppks_categories_ppks_idx').on('ppks_categories').columns(['ppks_id']).execute();
    await s.createIndex('ppks_categories_category_idx').on('ppks_categories').columns(['category']).execute();

    let psks: TableBuilder = s
      .createTable('psks')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_search', 'text', (c) => c.notNull())
      .addColumn('nik', 'text')
      .addColumn('is_institution', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('address', 'text')
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('notes', 'text');
    psks = addRegionColumns(psks);
    psks = addRecordColumns(psks, e);
    await psks.execute();
    await s.createIndex('psks_village_idx').on('psks').columns(['village_code', 'id']).execute();
    await s.createIndex('psks_regency_idx').on('psks').columns(['regency_code', 'id']).execute();

    await s
      .createTable('audit_log')
      .addColumn('seq', e.types.bigint, (c) => c.notNull())
      .addColumn('id', e.types.uuid, (c) => c.notNull().unique())
      .addColumn('chain', 'text', (c) => c.notNull())
      .addColumn('at', e.types.timestamp, (c) => c.notNull())
      .addColumn('actor_id', e.types.uuid)
      .addColumn('actor_username', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text')
      .addColumn('entity_id', 'text')
      .addColumn('province_code', 'text')
      .addColumn('region_code', 'text')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_log_pk', ['chain', 'seq'])
      .execute();
    await s.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'seq']).execute();
    await s.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_id', 'seq']).execute();
    await s.createIndex('audit_log_at_idx').on('audit_log').columns(['at']).execute();

    await s
      .createTable('audit_chain')
      .addColumn('chain', 'text', (c) => c.primaryKey())
      .addColumn('last_seq', e.types.bigint, (c) => c.notNull())
      .addColumn('last_hash', 'text', (c) => c.notNull())
      .execute();
  },
};
