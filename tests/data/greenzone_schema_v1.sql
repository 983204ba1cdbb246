-- A database as written by schema version 1 (12 demo households), for the upgrade test.
BEGIN TRANSACTION;
CREATE TABLE aid (
	household_id VARCHAR(36) NOT NULL, 
	given_on DATE NOT NULL, 
	kind VARCHAR(100) NOT NULL, 
	amount INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	given_by VARCHAR(200) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_aid PRIMARY KEY (id), 
	CONSTRAINT ck_aid_amount_positive CHECK (amount >= 0), 
	CONSTRAINT fk_aid_household_id_households FOREIGN KEY(household_id) REFERENCES households (id), 
	CONSTRAINT fk_aid_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE assignments (
	shift_id VARCHAR(36) NOT NULL, 
	staff_id VARCHAR(36) NOT NULL, 
	locked BOOLEAN NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_assignments PRIMARY KEY (id), 
	CONSTRAINT fk_assignments_shift_id_shifts FOREIGN KEY(shift_id) REFERENCES shifts (id), 
	CONSTRAINT fk_assignments_staff_id_staff FOREIGN KEY(staff_id) REFERENCES staff (id), 
	CONSTRAINT fk_assignments_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE audit_log (
	id VARCHAR(36) NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(200) NOT NULL, 
	unit_id VARCHAR(36), 
	table_name VARCHAR(40) NOT NULL, 
	row_id VARCHAR(36) NOT NULL, 
	action VARCHAR(10) NOT NULL, 
	changes JSON NOT NULL, 
	CONSTRAINT pk_audit_log PRIMARY KEY (id)
);
INSERT INTO "audit_log" VALUES('b4d22af9-3c7a-48ee-994b-fbc4e2125592','2026-11-24 11:06:52.530700','','3a57bb96-b870-4d17-aa67-0ef86b33a65f','units','3a57bb96-b870-4d17-aa67-0ef86b33a65f','create','{"level": [null, "province"], "name": [null, "T\u1ec9nh V\u0129nh Ph\u00fac"], "code": [null, "TVP"], "unit_id": [null, "3a57bb96-b870-4d17-aa67-0ef86b33a65f"]}');
INSERT INTO "audit_log" VALUES('717b158b-225a-4001-a915-b09fb153056d','2026-11-24 11:06:52.533863','','635d6963-79e1-4c04-a9ed-9af48acb674e','units','635d6963-79e1-4c04-a9ed-9af48acb674e','create','{"parent_id": [null, "3a57bb96-b870-4d17-aa67-0ef86b33a65f"], "level": [null, "district"], "name": [null, "Th\u00e0nh ph\u1ed1 Ph\u00fac Y\u00ean"], "code": [null, "TPPY"], "unit_id": [null, "635d6963-79e1-4c04-a9ed-9af48acb674e"]}');
INSERT INTO "audit_log" VALUES('2c7834ca-56f1-4037-a8d5-eedb94b65534','2026-11-24 11:06:52.534694','','52a234a7-7b46-4564-bea5-52c06357dd5d','units','52a234a7-7b46-4564-bea5-52c06357dd5d','create','{"parent_id": [null, "635d6963-79e1-4c04-a9ed-9af48acb674e"], "level": [null, "commune"], "name": [null, "Ph\u01b0\u1eddng H\u00f9ng V\u01b0\u01a1ng"], "code": [null, "PHV"], "unit_id": [null, "52a234a7-7b46-4564-bea5-52c06357dd5d"]}');
INSERT INTO "audit_log" VALUES('6740d973-66b2-48a9-a00c-8b2e389f0a8e','2026-11-24 11:06:52.535416','','eddef74f-65c6-47ad-8843-5bc385894c08','units','eddef74f-65c6-47ad-8843-5bc385894c08','create','{"parent_id": [null, "52a234a7-7b46-4564-bea5-52c06357dd5d"], "level": [null, "village"], "name": [null, "T\u1ed5 d\u00e2n ph\u1ed1 Xu\u00e2n Mai"], "code": [null, "XM"], "unit_id": [null, "eddef74f-65c6-47ad-8843-5bc385894c08"]}');
CREATE TABLE channels (
	kind VARCHAR(10) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	link VARCHAR(300) NOT NULL, 
	admin VARCHAR(200) NOT NULL, 
	members INTEGER NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_channels PRIMARY KEY (id), 
	CONSTRAINT ck_channels_kind_enum CHECK (kind IN ('zalo', 'facebook', 'other')), 
	CONSTRAINT fk_channels_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "channels" VALUES('zalo','Vùng xanh an toàn','','Cao Thị Hoa',12,'2c44a016-7132-42e5-8dc4-df7d386d2eed','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE checkpoints (
	name VARCHAR(200) NOT NULL, 
	location VARCHAR(300) NOT NULL, 
	kind VARCHAR(6) NOT NULL, 
	opens_at TIME, 
	closes_at TIME, 
	min_staff INTEGER NOT NULL, 
	phone VARCHAR(15), 
	active_from DATE, 
	active_to DATE, 
	pattern_id VARCHAR(36), 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_checkpoints PRIMARY KEY (id), 
	CONSTRAINT ck_checkpoints_kind_enum CHECK (kind IN ('hard', 'soft')), 
	CONSTRAINT ck_checkpoints_min_staff_range CHECK (min_staff BETWEEN 1 AND 50), 
	CONSTRAINT ck_checkpoints_active_to_after_active_from CHECK (active_to IS NULL OR active_from IS NULL OR active_to >= active_from), 
	CONSTRAINT fk_checkpoints_pattern_id_shift_patterns FOREIGN KEY(pattern_id) REFERENCES shift_patterns (id), 
	CONSTRAINT fk_checkpoints_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "checkpoints" VALUES('Chốt số 1','Đầu Ngõ 7','hard',NULL,NULL,2,'0903394997','2026-10-25',NULL,'51207408-2afc-41b8-b583-0dc6d70d0800','fa769788-9a84-4999-8d95-9b25216155e3','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "checkpoints" VALUES('Chốt số 2','Đầu Ngõ 1','soft',NULL,NULL,2,'0822984388','2026-10-25',NULL,'51207408-2afc-41b8-b583-0dc6d70d0800','286fffcf-0390-46da-92ca-63d61d545fd4','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE commitments (
	kind VARCHAR(20) NOT NULL, 
	household_id VARCHAR(36), 
	organization_id VARCHAR(36), 
	signed_on DATE NOT NULL, 
	signed_by VARCHAR(200) NOT NULL, 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_commitments PRIMARY KEY (id), 
	CONSTRAINT ck_commitments_kind_enum CHECK (kind IN ('household', 'organisation', 'quarantine')), 
	CONSTRAINT ck_commitments_one_signer CHECK ((household_id IS NULL) <> (organization_id IS NULL)), 
	CONSTRAINT fk_commitments_household_id_households FOREIGN KEY(household_id) REFERENCES households (id), 
	CONSTRAINT fk_commitments_organization_id_organizations FOREIGN KEY(organization_id) REFERENCES organizations (id), 
	CONSTRAINT fk_commitments_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "commitments" VALUES('household','fdb17f54-4799-4b6b-9b3d-115007564931',NULL,'2026-10-30','Nguyễn Đức Tuấn','','06e44edf-d024-4e4c-85b3-b5d31ad8df8e','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','bc344f4b-af09-4db4-91ba-e46af8abffd6',NULL,'2026-11-23','Nguyễn Quang Toàn','','207a1cde-c676-4d96-8e09-92e3db65d2a4','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','1183c186-0cc1-4033-9fe7-81540bd2c551',NULL,'2026-10-27','Lê Xuân Giang','','7f03ca9e-a0a0-404d-9f56-ed310d95a701','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','daf48e79-b490-48fa-abdf-e39e4bbdb813',NULL,'2026-10-11','Nguyễn Thanh Anh','','ce599ed6-f1b8-42d2-a771-ae15ab82ef46','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','c1129341-1b6f-490f-83fd-d202d13ddea2',NULL,'2026-11-14','Lê Bá Phong','','31924a0d-cc56-4cbb-a5fe-d0a0dc09a981','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','9180943b-2b9a-4524-8710-df9c8b72c34a',NULL,'2026-11-20','Nguyễn Mạnh Hữu','','16e1e668-f821-47f3-af75-e0f9aeb1ad4b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','1ad3610a-00ef-4dc8-9e1d-3892979e33a0',NULL,'2026-10-03','Nguyễn Hữu Thành','','9cb8dca6-e0e7-4718-8e73-01fca4730121','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','7769297d-732c-4e3f-8c55-731bdf4c4d23',NULL,'2026-11-07','Nguyễn Hữu Lực','','bfe19a66-2a4f-4d56-92bf-32c237c76cb7','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','37fefa6a-b9f2-4be3-b4f9-9b77ee51a912',NULL,'2026-10-21','Đào Duy Long','','23c02bc9-509d-4a09-93c4-d08427c20fc6','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('household','7c4e720a-6970-4c8b-89aa-86eb85a1b05d',NULL,'2026-11-12','Lê Kim Thơ','','d29c0432-a60d-4fe6-b089-84e94f9d1f17','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "commitments" VALUES('organisation',NULL,'207cff69-4b87-4e2f-a52f-4ad81d76d7a0','2026-10-16','Chủ cơ sở','','01e694c3-3125-4335-af3e-a0b313b3e3be','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE daily_reports (
	report_on DATE NOT NULL, 
	sent_at DATETIME, 
	figures JSON NOT NULL, 
	files JSON NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_daily_reports PRIMARY KEY (id), 
	CONSTRAINT fk_daily_reports_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE findings (
	inspection_id VARCHAR(36) NOT NULL, 
	text TEXT NOT NULL, 
	remedy TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_findings PRIMARY KEY (id), 
	CONSTRAINT fk_findings_inspection_id_inspections FOREIGN KEY(inspection_id) REFERENCES inspections (id), 
	CONSTRAINT fk_findings_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE gate_entries (
	checkpoint_id VARCHAR(36) NOT NULL, 
	person_id VARCHAR(36), 
	full_name VARCHAR(200) NOT NULL, 
	cccd VARCHAR(12), 
	phone VARCHAR(15), 
	from_place VARCHAR(200) NOT NULL, 
	to_place VARCHAR(200) NOT NULL, 
	purpose VARCHAR(200) NOT NULL, 
	time_in DATETIME, 
	time_out DATETIME, 
	plate VARCHAR(20) NOT NULL, 
	declared BOOLEAN NOT NULL, 
	flagged BOOLEAN NOT NULL, 
	flag_reason VARCHAR(300) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_gate_entries PRIMARY KEY (id), 
	CONSTRAINT ck_gate_entries_time_out_after_time_in CHECK (time_out IS NULL OR time_in IS NULL OR time_out >= time_in), 
	CONSTRAINT fk_gate_entries_checkpoint_id_checkpoints FOREIGN KEY(checkpoint_id) REFERENCES checkpoints (id), 
	CONSTRAINT fk_gate_entries_person_id_persons FOREIGN KEY(person_id) REFERENCES persons (id), 
	CONSTRAINT fk_gate_entries_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE health_statuses (
	person_id VARCHAR(36) NOT NULL, 
	kind VARCHAR(12) NOT NULL, 
	start_date DATE NOT NULL, 
	planned_end DATE, 
	end_date DATE, 
	place VARCHAR(12) NOT NULL, 
	source_person_id VARCHAR(36), 
	zone_id VARCHAR(36), 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_health_statuses PRIMARY KEY (id), 
	CONSTRAINT ck_health_statuses_kind_enum CHECK (kind IN ('F0', 'F1', 'F2', 'quarantine')), 
	CONSTRAINT ck_health_statuses_place_enum CHECK (place IN ('home', 'centralised', 'facility', '')), 
	CONSTRAINT ck_health_statuses_end_date_after_start_date CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date), 
	CONSTRAINT ck_health_statuses_planned_end_after_start_date CHECK (planned_end IS NULL OR start_date IS NULL OR planned_end >= start_date), 
	CONSTRAINT fk_health_statuses_person_id_persons FOREIGN KEY(person_id) REFERENCES persons (id), 
	CONSTRAINT fk_health_statuses_source_person_id_persons FOREIGN KEY(source_person_id) REFERENCES persons (id), 
	CONSTRAINT fk_health_statuses_zone_id_zones FOREIGN KEY(zone_id) REFERENCES zones (id), 
	CONSTRAINT fk_health_statuses_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "health_statuses" VALUES('8d7de89d-ec86-487f-924f-98eac0ec2c07','F0','2026-11-07','2026-11-21','2026-11-21','facility',NULL,NULL,'','4d43f215-a0cd-459f-ad5f-a04299078061','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "health_statuses" VALUES('02fbffb3-fc3d-48db-95e7-157124a1b145','F1','2026-11-07','2026-11-21','2026-11-21','home','8d7de89d-ec86-487f-924f-98eac0ec2c07',NULL,'Cùng hộ gia đình','141fe583-0e55-41a8-9fd9-2e5a713d3c3d','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "health_statuses" VALUES('02fbffb3-fc3d-48db-95e7-157124a1b145','quarantine','2026-11-07','2026-11-21','2026-11-21','home',NULL,NULL,'','7506303d-dc10-4083-894c-91d9c964f9e8','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "health_statuses" VALUES('ae3eed74-d458-44bb-9351-5e57390650e7','F1','2026-11-07','2026-11-21','2026-11-21','home','8d7de89d-ec86-487f-924f-98eac0ec2c07',NULL,'Cùng hộ gia đình','2d2ce75c-9438-4f8c-849a-74f17d7b60d7','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "health_statuses" VALUES('ae3eed74-d458-44bb-9351-5e57390650e7','quarantine','2026-11-07','2026-11-21','2026-11-21','home',NULL,NULL,'','6b6b0b2f-e60f-44b6-850c-593044ba9c8d','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "health_statuses" VALUES('4c9da721-76d4-4d69-81ef-1f0c8a07d5d0','F1','2026-11-07','2026-11-21','2026-11-21','home','8d7de89d-ec86-487f-924f-98eac0ec2c07',NULL,'Cùng hộ gia đình','639f805d-38cd-45b9-beb1-c4f9af87d49e','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "health_statuses" VALUES('4c9da721-76d4-4d69-81ef-1f0c8a07d5d0','quarantine','2026-11-07','2026-11-21','2026-11-21','home',NULL,NULL,'','7c3d86fe-fc72-42c0-8029-c804d1453186','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "health_statuses" VALUES('55cfe2de-0fff-484d-bee9-1296d684fef4','F1','2026-11-07','2026-11-21','2026-11-21','home','8d7de89d-ec86-487f-924f-98eac0ec2c07',NULL,'Cùng hộ gia đình','9e7ccbdc-feda-4048-a7f9-ee2858908879','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "health_statuses" VALUES('55cfe2de-0fff-484d-bee9-1296d684fef4','quarantine','2026-11-07','2026-11-21','2026-11-21','home',NULL,NULL,'','1d640c45-2dc0-4b60-8213-937f7bae4719','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE hotlines (
	name VARCHAR(200) NOT NULL, 
	number VARCHAR(15) NOT NULL, 
	owner VARCHAR(200) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_hotlines PRIMARY KEY (id), 
	CONSTRAINT fk_hotlines_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "hotlines" VALUES('Đường dây nóng Ban chỉ đạo','02113869115','Trưởng ban chỉ đạo','2d794fe9-3933-4869-a3a2-1dde5dee5ff3','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "hotlines" VALUES('Trạm Y tế phường','0964206135','Trạm trưởng','b1b22adb-0d87-483a-836b-0290587b39a0','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE households (
	code VARCHAR(40) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	head_id VARCHAR(36), 
	head_name VARCHAR(200) NOT NULL, 
	head_sort VARCHAR(400) NOT NULL, 
	address VARCHAR(300) NOT NULL, 
	area VARCHAR(100) NOT NULL, 
	phone VARCHAR(15), 
	notes TEXT NOT NULL, 
	search_key TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_households PRIMARY KEY (id), 
	CONSTRAINT ck_households_kind_enum CHECK (kind IN ('family', 'boarding_house')), 
	CONSTRAINT fk_households_head_id_persons FOREIGN KEY(head_id) REFERENCES persons (id), 
	CONSTRAINT fk_households_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "households" VALUES('XM-0001','family','26d0b944-a286-4a7f-bb5f-3d86268ecc45','Nguyễn Bá Hùng','LaRK!1|DA!4|RKafIR!3','Số 87, Xóm Chùa','Tổ 1',NULL,'','xm-0001 nguyen ba hung so 87, xom chua to 1','21636369-8b52-4b4a-97b7-50923ceb3ffd','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0002','family','fd63ed5b-a385-4c4b-9a9b-f98c7b6471e2','Nguyễn Đức Tuấn','ZaCR!4|GbE!4|RKafIR!3','Số 153, Ngõ 7','Tổ 1',NULL,'','xm-0002 nguyen duc tuan so 153, ngo 7 to 1','fdb17f54-4799-4b6b-9b3d-115007564931','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0003','family','2b56363c-f5ef-4434-9b04-5aaecf4cc239','Nguyễn Quang Toàn','ZSAR!1|WaARK!0|RKafIR!3','Số 122, Đường Trần Phú','Tổ 1',NULL,'','xm-0003 nguyen quang toan so 122, duong tran phu to 1','bc344f4b-af09-4db4-91ba-e46af8abffd6','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0004','family','00e4a64e-8e36-42c7-a0ab-0e211fae68cf','Lê Xuân Giang','KMARK!0|eaCR!0|PI!0','Số 163, Ngõ 1','Tổ 1',NULL,'','xm-0004 le xuan giang so 163, ngo 1 to 1','1183c186-0cc1-4033-9fe7-81540bd2c551','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0005','family','76d216e4-1f17-492a-831e-35e8decf5508','Nguyễn Văn Ơn','UR!0|cBR!0|RKafIR!3','Số 177, Xóm Giữa','Tổ 1',NULL,'','xm-0005 nguyen van on so 177, xom giua to 1','6ba6cc6d-50a0-48d8-b3ef-fcadc29237ff','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0006','family','fdc0754a-6b1d-4f02-a4c3-a235dd222527','Nguyễn Thanh Anh','ARL!0|ZLARL!0|RKafIR!3','Số 194, Đường Nguyễn Trãi','Tổ 1',NULL,'','xm-0006 nguyen thanh anh so 194, duong nguyen trai to 1','daf48e79-b490-48fa-abdf-e39e4bbdb813','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0007','family','8f4dd469-ee8d-4564-9bb4-085e1f85807e','Lê Bá Phong','VLSRK!0|DA!4|PI!0','Số 192, Ngõ 3','Tổ 1',NULL,'','xm-0007 le ba phong so 192, ngo 3 to 1','c1129341-1b6f-490f-83fd-d202d13ddea2','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0008','family','e54cba55-4ca5-4588-b4fa-32c5afc6fe1c','Nguyễn Mạnh Hữu','Lba!3|QARL!5|RKafIR!3','Số 162, Đường Trần Phú','Tổ 1',NULL,'','xm-0008 nguyen manh huu so 162, duong tran phu to 1','9180943b-2b9a-4524-8710-df9c8b72c34a','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0009','family','a89bbf43-f0a9-4a53-99fe-a091ead920f0','Nguyễn Hữu Thành','ZLARL!1|Lba!3|RKafIR!3','Số 82, Ngõ 5','Tổ 1',NULL,'','xm-0009 nguyen huu thanh so 82, ngo 5 to 1','1ad3610a-00ef-4dc8-9e1d-3892979e33a0','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0010','family','02fbffb3-fc3d-48db-95e7-157124a1b145','Nguyễn Hữu Lực','PbE!5|Lba!3|RKafIR!3','Số 61, Đường Lê Lợi','Tổ 1',NULL,'','xm-0010 nguyen huu luc so 61, duong le loi to 1','7769297d-732c-4e3f-8c55-731bdf4c4d23','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0011','family','eb9919a5-966b-4c65-bf4f-2ce2782a1949','Đào Duy Long','PSRK!0|Faf!0|GAS!1','Số 66, Đường Nguyễn Trãi','Tổ 1',NULL,'','xm-0011 dao duy long so 66, duong nguyen trai to 1','37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "households" VALUES('XM-0012','family','7cac3939-83c9-4917-889d-555b5f0dad89','Lê Kim Thơ','ZLU!0|OMQ!0|PI!0','Số 14, Ngõ 3','Tổ 1',NULL,'','xm-0012 le kim tho so 14, ngo 3 to 1','7c4e720a-6970-4c8b-89aa-86eb85a1b05d','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE inspections (
	kind VARCHAR(10) NOT NULL, 
	inspected_on DATE NOT NULL, 
	started_at DATETIME, 
	ended_at DATETIME, 
	household_id VARCHAR(36), 
	sweep_id VARCHAR(36), 
	previous_id VARCHAR(36), 
	place VARCHAR(300) NOT NULL, 
	inspectors TEXT NOT NULL, 
	members JSON NOT NULL, 
	chair VARCHAR(200) NOT NULL, 
	secretary VARCHAR(200) NOT NULL, 
	scope TEXT NOT NULL, 
	checklist JSON NOT NULL, 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_inspections PRIMARY KEY (id), 
	CONSTRAINT ck_inspections_kind_enum CHECK (kind IN ('household', 'team')), 
	CONSTRAINT ck_inspections_ended_at_after_started_at CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at), 
	CONSTRAINT ck_inspections_household_needed CHECK (kind <> 'household' OR household_id IS NOT NULL), 
	CONSTRAINT fk_inspections_household_id_households FOREIGN KEY(household_id) REFERENCES households (id), 
	CONSTRAINT fk_inspections_sweep_id_sweeps FOREIGN KEY(sweep_id) REFERENCES sweeps (id), 
	CONSTRAINT fk_inspections_previous_id_inspections FOREIGN KEY(previous_id) REFERENCES inspections (id), 
	CONSTRAINT fk_inspections_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE local_state (
	"key" VARCHAR(100) NOT NULL, 
	value VARCHAR(2000) NOT NULL, 
	CONSTRAINT pk_local_state PRIMARY KEY ("key")
);
INSERT INTO "local_state" VALUES('schema_version','1');
INSERT INTO "local_state" VALUES('installation_id','90194121-17d6-45a5-a0b1-88b8358499b4');
INSERT INTO "local_state" VALUES('home_unit_id','eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "local_state" VALUES('demo','1');
CREATE TABLE mailboxes (
	place VARCHAR(300) NOT NULL, 
	manager VARCHAR(200) NOT NULL, 
	installed_on DATE, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_mailboxes PRIMARY KEY (id), 
	CONSTRAINT fk_mailboxes_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "mailboxes" VALUES('Nhà văn hóa','Lê Công Ngọc','2026-10-10','cf90a0f1-3725-442a-b588-d93eb31a4f15','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "mailboxes" VALUES('Cổng chợ','Phạm Công Hải','2026-10-10','64ec865d-87db-4e5f-8045-2636af18bc33','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE organizations (
	name VARCHAR(300) NOT NULL, 
	name_key VARCHAR(300) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	address VARCHAR(300) NOT NULL, 
	area VARCHAR(100) NOT NULL, 
	contact_person VARCHAR(200) NOT NULL, 
	phone VARCHAR(15), 
	workers INTEGER NOT NULL, 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_organizations PRIMARY KEY (id), 
	CONSTRAINT ck_organizations_kind_enum CHECK (kind IN ('agency', 'business', 'school', 'religious', 'other')), 
	CONSTRAINT ck_organizations_workers_positive CHECK (workers >= 0), 
	CONSTRAINT ck_organizations_name_not_empty CHECK (length(name) > 0), 
	CONSTRAINT fk_organizations_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "organizations" VALUES('Xưởng may Quang','xuong may quang','business','Số 110, Đường Lê Lợi','Tổ 1','Trần Quang Anh','0861752872',10,'','207cff69-4b87-4e2f-a52f-4ad81d76d7a0','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "organizations" VALUES('Trường Tiểu học 2','truong tieu hoc 2','agency','Số 245, Ngõ 5','Tổ 1','Nguyễn Bá Dũng','0775255828',32,'','87e79fa4-586a-4835-bd4c-24950576b173','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "organizations" VALUES('Đại lý gas Nguyệt','dai ly gas nguyet','business','Số 77, Xóm Giữa','Tổ 1','Đặng Hữu Vinh','0944958980',49,'','4cfd01df-2df0-4573-bf61-210bd92d11b2','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE persons (
	household_id VARCHAR(36) NOT NULL, 
	full_name VARCHAR(200) NOT NULL, 
	name_key VARCHAR(200) NOT NULL, 
	sort_key VARCHAR(400) NOT NULL, 
	birth_date DATE, 
	birth_year INTEGER, 
	sex VARCHAR(3) NOT NULL, 
	relation VARCHAR(20) NOT NULL, 
	cccd VARCHAR(12), 
	cccd_issued_on DATE, 
	cccd_issued_by VARCHAR(200) NOT NULL, 
	phone VARCHAR(15), 
	residency VARCHAR(12) NOT NULL, 
	residency_until DATE, 
	ethnicity VARCHAR(50) NOT NULL, 
	religion VARCHAR(50) NOT NULL, 
	occupation VARCHAR(200) NOT NULL, 
	workplace VARCHAR(200) NOT NULL, 
	insurance_no VARCHAR(20) NOT NULL, 
	notes TEXT NOT NULL, 
	search_key TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_persons PRIMARY KEY (id), 
	CONSTRAINT ck_persons_sex_enum CHECK (sex IN ('nam', 'nu')), 
	CONSTRAINT ck_persons_residency_enum CHECK (residency IN ('thuong_tru', 'tam_tru', 'tam_vang')), 
	CONSTRAINT ck_persons_relation_enum CHECK (relation IN ('chu_ho', 'vo', 'chong', 'con', 'bo', 'me', 'ong', 'ba', 'chau', 'anh_chi_em', 'con_dau_re', 'bo_me_vo_chong', 'o_tro', 'khac')), 
	CONSTRAINT ck_persons_name_not_empty CHECK (length(full_name) > 0), 
	CONSTRAINT ck_persons_cccd_length CHECK (cccd IS NULL OR length(cccd) IN (9, 12)), 
	CONSTRAINT ck_persons_phone_length CHECK (phone IS NULL OR length(phone) BETWEEN 10 AND 11), 
	CONSTRAINT ck_persons_year CHECK (birth_year IS NULL OR birth_year BETWEEN 1880 AND 2200), 
	CONSTRAINT ck_persons_residency_until_after_birth_date CHECK (residency_until IS NULL OR birth_date IS NULL OR residency_until >= birth_date), 
	CONSTRAINT fk_persons_household_id_households FOREIGN KEY(household_id) REFERENCES households (id), 
	CONSTRAINT fk_persons_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "persons" VALUES('21636369-8b52-4b4a-97b7-50923ceb3ffd','Nguyễn Bá Hùng','nguyen ba hung','LaRK!1|DA!4|RKafIR!3','2002-08-11',2002,'nam','chu_ho','026202751984','2021-11-28','Cục Cảnh sát QLHC về TTXH','0909221280','thuong_tru',NULL,'Kinh','','Nhân viên văn phòng','Tại nhà','','','nguyen ba hung 026202751984 0909221280','26d0b944-a286-4a7f-bb5f-3d86268ecc45','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('21636369-8b52-4b4a-97b7-50923ceb3ffd','Nguyễn Thị Lan','nguyen thi lan','PAR!0|ZLM!5|RKafIR!3','2006-03-19',2006,'nu','vo','026306753741','2021-07-13','Cục Cảnh sát QLHC về TTXH',NULL,'thuong_tru',NULL,'Kinh','','Sinh viên','','','','nguyen thi lan 026306753741','71d2af72-93b0-4a04-8d08-5b71ba6676b3','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('21636369-8b52-4b4a-97b7-50923ceb3ffd','Nguyễn Minh Nhân','nguyen minh nhan','RLCR!0|QMRL!0|RKafIR!3','2026-02-21',2026,'nam','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','nguyen minh nhan','6fa84dca-ac0a-44e2-b729-b4c8420b0ebe','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('21636369-8b52-4b4a-97b7-50923ceb3ffd','Nguyễn Bích Tâm','nguyen bich tam','ZCQ!0|DMEL!4|RKafIR!3','2023-08-28',2023,'nu','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','nguyen bich tam','e779c470-3b7d-4e04-9591-86946856e45b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('fdb17f54-4799-4b6b-9b3d-115007564931','Nguyễn Đức Tuấn','nguyen duc tuan','ZaCR!4|GbE!4|RKafIR!3','1968-10-02',1968,'nam','chu_ho','026068872004','2021-02-03','Cục Cảnh sát QLHC về TTXH',NULL,'thuong_tru',NULL,'Kinh','','Cán bộ hưu trí','Chợ Phúc Yên','','','nguyen duc tuan 026068872004','fd63ed5b-a385-4c4b-9a9b-f98c7b6471e2','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('fdb17f54-4799-4b6b-9b3d-115007564931','Nguyễn Thị My','nguyen thi my','Qf!0|ZLM!5|RKafIR!3','1965-04-20',1965,'nu','vo',NULL,NULL,'','0390604195','thuong_tru',NULL,'Kinh','','Hưu trí','','','','nguyen thi my 0390604195','891ba6ad-998a-4e31-9bad-b4f513b45a39','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('fdb17f54-4799-4b6b-9b3d-115007564931','Nguyễn Tiến Thành','nguyen tien thanh','ZLARL!1|ZMIR!4|RKafIR!3','2000-09-01',2000,'nam','con','026200107555','2021-11-24','Cục Cảnh sát QLHC về TTXH','0898506498','thuong_tru',NULL,'Kinh','','Cán bộ hưu trí','Tại nhà','','','nguyen tien thanh 026200107555 0898506498','4d14075d-efba-436b-bcd5-b001b732f694','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('fdb17f54-4799-4b6b-9b3d-115007564931','Phạm Ngọc Bích','pham ngoc bich','DMEL!4|RKSE!5|VLAQ!5','2002-06-28',2002,'nu','con_dau_re','026302961899','2021-01-19','Cục Cảnh sát QLHC về TTXH','0774679575','thuong_tru',NULL,'Kinh','','Thợ may','UBND phường','','','pham ngoc bich 026302961899 0774679575','0570ceee-ad0f-4ada-b470-76520f81f60c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('fdb17f54-4799-4b6b-9b3d-115007564931','Nguyễn Kim Hằng','nguyen kim hang','LBRK!1|OMQ!0|RKafIR!3','2024-02-04',2024,'nu','chau',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','nguyen kim hang','d805f5d2-5e80-4fff-8213-4f15500b2f29','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('bc344f4b-af09-4db4-91ba-e46af8abffd6','Nguyễn Quang Toàn','nguyen quang toan','ZSAR!1|WaARK!0|RKafIR!3','1982-06-12',1982,'nam','chu_ho','026082101735','2021-04-15','Cục Cảnh sát QLHC về TTXH','0975599457','thuong_tru',NULL,'Kinh','','Nội trợ','','','','nguyen quang toan 026082101735 0975599457','2b56363c-f5ef-4434-9b04-5aaecf4cc239','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('bc344f4b-af09-4db4-91ba-e46af8abffd6','Nguyễn Hồng Linh','nguyen hong linh','PMRL!0|LTRK!1|RKafIR!3','1977-12-15',1977,'nu','vo','026177362055','2021-08-12','Cục Cảnh sát QLHC về TTXH','0824897988','thuong_tru',NULL,'Kinh','','Kinh doanh','Chợ Phúc Yên','','','nguyen hong linh 026177362055 0824897988','6b761fc5-4a57-42b2-aaba-54efa25994fc','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('bc344f4b-af09-4db4-91ba-e46af8abffd6','Nguyễn Mạnh Lợi','nguyen manh loi','PUM!5|QARL!5|RKafIR!3','2003-10-07',2003,'nam','con','026203303082','2021-10-10','Cục Cảnh sát QLHC về TTXH','0563816251','thuong_tru',NULL,'Kinh','','Bộ đội','KCN Quang Minh','','','nguyen manh loi 026203303082 0563816251','0b8a276b-3e99-46c8-8f68-bc281eb81432','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('bc344f4b-af09-4db4-91ba-e46af8abffd6','Dương Thị Linh','duong thi linh','PMRL!0|ZLM!5|FbURK!0','1958-03-11',1958,'nu','me','026158850973','2021-09-27','Cục Cảnh sát QLHC về TTXH','0983704462','thuong_tru',NULL,'Kinh','','Hưu trí','','','','duong thi linh 026158850973 0983704462','caab02c8-3d4d-471b-abda-77121e84949c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('1183c186-0cc1-4033-9fe7-81540bd2c551','Lê Xuân Giang','le xuan giang','KMARK!0|eaCR!0|PI!0',NULL,1944,'nam','chu_ho','026044408562','2021-06-14','Cục Cảnh sát QLHC về TTXH','0984444795','thuong_tru',NULL,'Kinh','','Hưu trí','','','','le xuan giang 026044408562 0984444795','00e4a64e-8e36-42c7-a0ab-0e211fae68cf','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('6ba6cc6d-50a0-48d8-b3ef-fcadc29237ff','Nguyễn Văn Ơn','nguyen van on','UR!0|cBR!0|RKafIR!3','1985-06-07',1985,'nam','chu_ho','026085136698','2021-09-26','Cục Cảnh sát QLHC về TTXH',NULL,'thuong_tru',NULL,'Kinh','','Lao động tự do','Trường THCS Hùng Vương','','','nguyen van on 026085136698','76d216e4-1f17-492a-831e-35e8decf5508','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('6ba6cc6d-50a0-48d8-b3ef-fcadc29237ff','Trần Minh Nụ','tran minh nu','Ra!5|QMRL!0|ZXCR!1','1984-11-24',1984,'nu','vo','026184591734','2021-06-27','Cục Cảnh sát QLHC về TTXH','0566304218','thuong_tru',NULL,'Kinh','','Buôn bán','KCN Bình Xuyên','','','tran minh nu 026184591734 0566304218','d80caa4d-0685-48d5-9f0c-6f07da305f2c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('6ba6cc6d-50a0-48d8-b3ef-fcadc29237ff','Nguyễn Xuân Quyết','nguyen xuan quyet','WafIZ!4|eaCR!0|RKafIR!3','2009-08-17',2009,'nam','con','026209081094','2021-08-20','Cục Cảnh sát QLHC về TTXH','0374193734','thuong_tru',NULL,'Kinh','','Học sinh','','','','nguyen xuan quyet 026209081094 0374193734','64cb7c6c-f14f-48f2-80e8-36c4b33aa10a','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('6ba6cc6d-50a0-48d8-b3ef-fcadc29237ff','Nguyễn Đình Toàn','nguyen dinh toan','ZSAR!1|GMRL!1|RKafIR!3','2008-07-06',2008,'nam','con','026208420533','2021-02-16','Cục Cảnh sát QLHC về TTXH',NULL,'thuong_tru',NULL,'Kinh','','Sinh viên','','','','nguyen dinh toan 026208420533','b2da00ae-eaa7-4d79-bbc6-bc8ebf8712c4','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('daf48e79-b490-48fa-abdf-e39e4bbdb813','Nguyễn Thanh Anh','nguyen thanh anh','ARL!0|ZLARL!0|RKafIR!3','1989-03-19',1989,'nam','chu_ho','026089401342','2021-08-25','Cục Cảnh sát QLHC về TTXH','0916047689','thuong_tru',NULL,'Kinh','','Giáo viên','Trường THCS Hùng Vương','','','nguyen thanh anh 026089401342 0916047689','fdc0754a-6b1d-4f02-a4c3-a235dd222527','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('daf48e79-b490-48fa-abdf-e39e4bbdb813','Bùi Thúy Lụa','bui thuy lua','PaA!5|ZLaf!4|DaM!1','1995-06-29',1995,'nu','vo',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','Nội trợ','','','','bui thuy lua','11bb4e07-ace3-4a83-86ff-46a4b7ba6c95','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('daf48e79-b490-48fa-abdf-e39e4bbdb813','Nguyễn Minh Hải','nguyen minh hai','LAM!2|QMRL!0|RKafIR!3','2018-09-16',2018,'nam','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','Học sinh','','','','nguyen minh hai','09691290-dbcc-4b43-acd6-2c6ab46977d0','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('daf48e79-b490-48fa-abdf-e39e4bbdb813','Nguyễn Thị Liên','nguyen thi lien','PMIR!0|ZLM!5|RKafIR!3','2021-02-03',2021,'nu','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','nguyen thi lien','cc848ca9-ba9d-4cdc-9749-07806c5d1484','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('daf48e79-b490-48fa-abdf-e39e4bbdb813','Nguyễn Văn Hùng','nguyen van hung','LaRK!1|cBR!0|RKafIR!3','2023-03-31',2023,'nam','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','nguyen van hung','948e8b35-73cd-4a08-9b4e-241d093f85d1','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('daf48e79-b490-48fa-abdf-e39e4bbdb813','Nguyễn Diệu My','nguyen dieu my','Qf!0|FMIa!5|RKafIR!3','1959-12-11',1959,'nu','me','026159513784','2021-05-03','Cục Cảnh sát QLHC về TTXH','0885348804','thuong_tru',NULL,'Kinh','','Hưu trí','','','','nguyen dieu my 026159513784 0885348804','703c3e54-1cce-4371-aebc-559daa59d208','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('c1129341-1b6f-490f-83fd-d202d13ddea2','Lê Bá Phong','le ba phong','VLSRK!0|DA!4|PI!0',NULL,1960,'nam','chu_ho','026060763252','2021-11-15','Cục Cảnh sát QLHC về TTXH','0372508897','thuong_tru',NULL,'Kinh','','Hưu trí','','','','le ba phong 026060763252 0372508897','8f4dd469-ee8d-4564-9bb4-085e1f85807e','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('c1129341-1b6f-490f-83fd-d202d13ddea2','Lê Thúy Loan','le thuy loan','PSAR!0|ZLaf!4|PI!0','1965-03-18',1965,'nu','vo','026165143155','2021-09-12','Cục Cảnh sát QLHC về TTXH','0854551122','thuong_tru',NULL,'Kinh','','Hưu trí','','','','le thuy loan 026165143155 0854551122','6741372d-f1ee-4c7b-9536-7c40e01045b4','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('c1129341-1b6f-490f-83fd-d202d13ddea2','Lê Hữu Sơn','le huu son','YUR!0|Lba!3|PI!0','2015-06-03',2015,'nam','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','Học sinh','','','','le huu son','d0d4df41-6424-4f08-be4a-0d66ab8ee563','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('9180943b-2b9a-4524-8710-df9c8b72c34a','Nguyễn Mạnh Hữu','nguyen manh huu','Lba!3|QARL!5|RKafIR!3','1949-05-29',1949,'nam','chu_ho','026049579449','2021-08-17','Cục Cảnh sát QLHC về TTXH',NULL,'thuong_tru',NULL,'Kinh','','Hưu trí','','','','nguyen manh huu 026049579449','e54cba55-4ca5-4588-b4fa-32c5afc6fe1c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('9180943b-2b9a-4524-8710-df9c8b72c34a','Nguyễn Minh Phương','nguyen minh phuong','VLbURK!0|QMRL!0|RKafIR!3','1953-07-28',1953,'nu','vo','026153820145','2021-10-10','Cục Cảnh sát QLHC về TTXH','0338396108','thuong_tru',NULL,'Kinh','','Nhân viên văn phòng','KCN Quang Minh','','','nguyen minh phuong 026153820145 0338396108','27116586-e45d-49a9-a852-a132f582752a','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('9180943b-2b9a-4524-8710-df9c8b72c34a','Nguyễn Văn Việt','nguyen van viet','cMIZ!5|cBR!0|RKafIR!3','1973-04-26',1973,'nam','con',NULL,NULL,'','0343355085','thuong_tru',NULL,'Kinh','','Thợ xây','Công ty Toyota Việt Nam','','','nguyen van viet 0343355085','c9717e02-1bef-4da3-90d8-ee457c291345','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('9180943b-2b9a-4524-8710-df9c8b72c34a','Trần Thúy Nguyệt','tran thuy nguyet','RKafIZ!5|ZLaf!4|ZXCR!1','1974-06-23',1974,'nu','con_dau_re',NULL,NULL,'','0986223897','thuong_tru',NULL,'Kinh','','Nhân viên văn phòng','Bệnh viện Đa khoa khu vực Phúc Yên','','','tran thuy nguyet 0986223897','394e093a-66dc-4854-98b2-88345c8d2962','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('9180943b-2b9a-4524-8710-df9c8b72c34a','Nguyễn Ngọc Nhàn','nguyen ngoc nhan','RLAR!1|RKSE!5|RKafIR!3','1997-08-02',1997,'nu','chau','026197219453','2021-11-01','Cục Cảnh sát QLHC về TTXH','0916773754','thuong_tru',NULL,'Kinh','','Kinh doanh','Công ty TNHH Honda Việt Nam','','','nguyen ngoc nhan 026197219453 0916773754','2b11500a-9bd2-4ae9-9c2d-814723a677bc','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('9180943b-2b9a-4524-8710-df9c8b72c34a','Nguyễn Tiến Bảo','nguyen tien bao','DAS!2|ZMIR!4|RKafIR!3','2001-07-12',2001,'nam','chau','026201925975','2021-03-11','Cục Cảnh sát QLHC về TTXH','0356527756','thuong_tru',NULL,'Kinh','','Nhân viên văn phòng','Công ty Toyota Việt Nam','','','nguyen tien bao 026201925975 0356527756','e9a5e9a0-58aa-4d2b-9dbb-f8b79f58fd6f','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('1ad3610a-00ef-4dc8-9e1d-3892979e33a0','Nguyễn Hữu Thành','nguyen huu thanh','ZLARL!1|Lba!3|RKafIR!3','1999-07-20',1999,'nam','chu_ho',NULL,NULL,'','0798000683','thuong_tru',NULL,'Kinh','','Lao động tự do','UBND phường','','','nguyen huu thanh 0798000683','a89bbf43-f0a9-4a53-99fe-a091ead920f0','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('1ad3610a-00ef-4dc8-9e1d-3892979e33a0','Nguyễn Thúy Gấm','nguyen thuy gam','KCQ!4|ZLaf!4|RKafIR!3','1997-05-04',1997,'nu','vo',NULL,NULL,'','0827355944','thuong_tru',NULL,'Kinh','','Giáo viên','UBND phường','','','nguyen thuy gam 0827355944','585caff6-7b09-458d-b3e6-b335c78b0779','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7769297d-732c-4e3f-8c55-731bdf4c4d23','Nguyễn Hữu Lực','nguyen huu luc','PbE!5|Lba!3|RKafIR!3','1997-12-25',1997,'nam','chu_ho','026097326445','2021-03-21','Cục Cảnh sát QLHC về TTXH','0343529907','thuong_tru',NULL,'Kinh','','Giáo viên','KCN Bình Xuyên','','','nguyen huu luc 026097326445 0343529907','02fbffb3-fc3d-48db-95e7-157124a1b145','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7769297d-732c-4e3f-8c55-731bdf4c4d23','Trần Thị Ánh','tran thi anh','ARL!4|ZLM!5|ZXCR!1','2003-09-04',2003,'nu','vo','026303106330','2021-08-13','Cục Cảnh sát QLHC về TTXH','0564278782','thuong_tru',NULL,'Kinh','','Công nhân','KCN Quang Minh','','','tran thi anh 026303106330 0564278782','ae3eed74-d458-44bb-9351-5e57390650e7','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7769297d-732c-4e3f-8c55-731bdf4c4d23','Nguyễn Thúy Hoa','nguyen thuy hoa','LSA!0|ZLaf!4|RKafIR!3','2018-12-31',2018,'nu','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','Học sinh','','','','nguyen thuy hoa','4c9da721-76d4-4d69-81ef-1f0c8a07d5d0','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7769297d-732c-4e3f-8c55-731bdf4c4d23','Nguyễn Trọng Hào','nguyen trong hao','LAS!1|ZXSRK!5|RKafIR!3','2021-07-08',2021,'nam','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','nguyen trong hao','8d7de89d-ec86-487f-924f-98eac0ec2c07','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7769297d-732c-4e3f-8c55-731bdf4c4d23','Nguyễn Thanh Huệ','nguyen thanh hue','LaI!5|ZLARL!0|RKafIR!3','2025-04-30',2025,'nu','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','nguyen thanh hue','55cfe2de-0fff-484d-bee9-1296d684fef4','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','Đào Duy Long','dao duy long','PSRK!0|Faf!0|GAS!1','1968-02-07',1968,'nam','chu_ho',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','Nhân viên văn phòng','Tại nhà','','','dao duy long','eb9919a5-966b-4c65-bf4f-2ce2782a1949','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','Trần Thị Loan','tran thi loan','PSAR!0|ZLM!5|ZXCR!1','1967-02-10',1967,'nu','vo','026167301259','2021-02-07','Cục Cảnh sát QLHC về TTXH','0835021980','thuong_tru',NULL,'Kinh','','Thợ xây','UBND phường','','','tran thi loan 026167301259 0835021980','cf5b3ebe-c342-4c3b-bcc0-46282738df44','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','Đào Thanh Anh','dao thanh anh','ARL!0|ZLARL!0|GAS!1','1996-06-26',1996,'nam','con','026096376752','2021-01-01','Cục Cảnh sát QLHC về TTXH','0964070207','thuong_tru',NULL,'Kinh','','Y tá','Bệnh viện Đa khoa khu vực Phúc Yên','','','dao thanh anh 026096376752 0964070207','262c48d8-87e6-46dd-a10a-f02821a8a5d1','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','Tô Thị Phương','to thi phuong','VLbURK!0|ZLM!5|ZT!0','1997-03-04',1997,'nu','con_dau_re','026197453359','2021-10-18','Cục Cảnh sát QLHC về TTXH',NULL,'thuong_tru',NULL,'Kinh','','Bộ đội','KCN Bình Xuyên','','','to thi phuong 026197453359','4fc60364-7334-4db8-9804-6eb1cfac7ea7','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','Đào Duy Phong','dao duy phong','VLSRK!0|Faf!0|GAS!1','2021-08-11',2021,'nam','chau',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','dao duy phong','2b3268eb-0441-494d-8793-6e28223bb130','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','Đào Văn Nhân','dao van nhan','RLCR!0|cBR!0|GAS!1','2015-12-02',2015,'nam','chau',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','Học sinh','','','','dao van nhan','75c7a384-e7fa-4f8e-90f9-1ebae5a01c2c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','Đào Diệu Mai','dao dieu mai','QAM!0|FMIa!5|GAS!1','2018-09-21',2018,'nu','chau',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','Học sinh','','','','dao dieu mai','12e0286a-2ed5-4544-8b32-ddad2bb8f3a2','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','Đào Quốc Dũng','dao quoc dung','FaRK!3|WaTE!4|GAS!1','2020-04-30',2020,'nam','chau',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','Học sinh','','','','dao quoc dung','cd8de1e3-4747-4c27-b473-c85171b14a4c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7c4e720a-6970-4c8b-89aa-86eb85a1b05d','Lê Kim Thơ','le kim tho','ZLU!0|OMQ!0|PI!0','2001-09-04',2001,'nu','chu_ho','026301511272','2021-11-03','Cục Cảnh sát QLHC về TTXH','0894490296','thuong_tru',NULL,'Kinh','','Công nhân','Tại nhà','','','le kim tho 026301511272 0894490296','7cac3939-83c9-4917-889d-555b5f0dad89','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7c4e720a-6970-4c8b-89aa-86eb85a1b05d','Phạm Tiến Khoa','pham tien khoa','OLSA!0|ZMIR!4|VLAQ!5','2006-03-20',2006,'nam','chong','026206039725','2021-07-18','Cục Cảnh sát QLHC về TTXH',NULL,'thuong_tru',NULL,'Kinh','','Sinh viên','','','','pham tien khoa 026206039725','6ad83ab1-21aa-40cb-8919-e6f9482db7f8','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7c4e720a-6970-4c8b-89aa-86eb85a1b05d','Lê Thị Ngọc','le thi ngoc','RKSE!5|ZLM!5|PI!0','2021-03-19',2021,'nu','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','le thi ngoc','4492ae02-7636-46e2-bb9b-958ffbe608d1','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7c4e720a-6970-4c8b-89aa-86eb85a1b05d','Lê Thị Hằng','le thi hang','LBRK!1|ZLM!5|PI!0','2022-03-02',2022,'nu','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','le thi hang','24eb6397-2b04-41a7-b523-14ec7c90e3df','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "persons" VALUES('7c4e720a-6970-4c8b-89aa-86eb85a1b05d','Lê Mạnh Toàn','le manh toan','ZSAR!1|QARL!5|PI!0','2025-05-24',2025,'nam','con',NULL,NULL,'',NULL,'thuong_tru',NULL,'Kinh','','','','','','le manh toan','644c55f0-2468-4b7c-822e-e17ba59d43d6','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE recommendations (
	inspection_id VARCHAR(36) NOT NULL, 
	household_id VARCHAR(36), 
	text TEXT NOT NULL, 
	due_on DATE, 
	status VARCHAR(10) NOT NULL, 
	checked_by_id VARCHAR(36), 
	closed_on DATE, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_recommendations PRIMARY KEY (id), 
	CONSTRAINT ck_recommendations_status_enum CHECK (status IN ('open', 'done', 'not_done')), 
	CONSTRAINT fk_recommendations_inspection_id_inspections FOREIGN KEY(inspection_id) REFERENCES inspections (id), 
	CONSTRAINT fk_recommendations_household_id_households FOREIGN KEY(household_id) REFERENCES households (id), 
	CONSTRAINT fk_recommendations_checked_by_id_inspections FOREIGN KEY(checked_by_id) REFERENCES inspections (id), 
	CONSTRAINT fk_recommendations_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE risk_assessments (
	assessed_on DATE NOT NULL, 
	assessors TEXT NOT NULL, 
	preset VARCHAR(40) NOT NULL, 
	proposed_level VARCHAR(1) NOT NULL, 
	level VARCHAR(1) NOT NULL, 
	override_reason TEXT NOT NULL, 
	figures JSON NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_risk_assessments PRIMARY KEY (id), 
	CONSTRAINT ck_risk_assessments_level_enum CHECK (level IN ('1', '2', '3', '4')), 
	CONSTRAINT ck_risk_assessments_proposed_level_enum CHECK (proposed_level IN ('1', '2', '3', '4')), 
	CONSTRAINT ck_risk_assessments_override_reason CHECK (level = proposed_level OR length(override_reason) > 0), 
	CONSTRAINT fk_risk_assessments_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE settings (
	"key" VARCHAR(100) NOT NULL, 
	value JSON NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_settings PRIMARY KEY (id), 
	CONSTRAINT uq_settings_unit_id UNIQUE (unit_id, "key"), 
	CONSTRAINT fk_settings_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE shift_patterns (
	name VARCHAR(100) NOT NULL, 
	slots JSON NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_shift_patterns PRIMARY KEY (id), 
	CONSTRAINT fk_shift_patterns_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "shift_patterns" VALUES('3 ca × 8 giờ','[["06:00", "14:00"], ["14:00", "22:00"], ["22:00", "06:00"]]','51207408-2afc-41b8-b583-0dc6d70d0800','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE shifts (
	checkpoint_id VARCHAR(36) NOT NULL, 
	starts_at DATETIME NOT NULL, 
	ends_at DATETIME NOT NULL, 
	min_staff INTEGER NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_shifts PRIMARY KEY (id), 
	CONSTRAINT ck_shifts_ordered CHECK (ends_at > starts_at), 
	CONSTRAINT ck_shifts_min_staff_positive CHECK (min_staff >= 1), 
	CONSTRAINT fk_shifts_checkpoint_id_checkpoints FOREIGN KEY(checkpoint_id) REFERENCES checkpoints (id), 
	CONSTRAINT fk_shifts_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE staff (
	person_id VARCHAR(36), 
	full_name VARCHAR(200) NOT NULL, 
	sort_key VARCHAR(400) NOT NULL, 
	phone VARCHAR(15), 
	organisation VARCHAR(200) NOT NULL, 
	doses INTEGER NOT NULL, 
	max_hours_week FLOAT NOT NULL, 
	active BOOLEAN NOT NULL, 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_staff PRIMARY KEY (id), 
	CONSTRAINT ck_staff_doses_positive CHECK (doses >= 0), 
	CONSTRAINT ck_staff_max_hours_positive CHECK (max_hours_week > 0), 
	CONSTRAINT fk_staff_person_id_persons FOREIGN KEY(person_id) REFERENCES persons (id), 
	CONSTRAINT fk_staff_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "staff" VALUES('4d14075d-efba-436b-bcd5-b001b732f694','Nguyễn Tiến Thành','ZLARL!1|ZMIR!4|RKafIR!3','0898506498','Công an khu vực',2,48.0,1,'','fb0208dc-c55f-4024-99dd-8bfab3d777e9','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('c9717e02-1bef-4da3-90d8-ee457c291345','Nguyễn Văn Việt','cMIZ!5|cBR!0|RKafIR!3','0343355085','Công an khu vực',2,48.0,1,'','4c2f3d6e-fa0a-45b8-b9e2-d114496b51c3','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('02fbffb3-fc3d-48db-95e7-157124a1b145','Nguyễn Hữu Lực','PbE!5|Lba!3|RKafIR!3','0343529907','Công an khu vực',2,48.0,1,'','38a76acb-8034-4097-9a21-3aa21f88aba9','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('cf5b3ebe-c342-4c3b-bcc0-46282738df44','Trần Thị Loan','PSAR!0|ZLM!5|ZXCR!1','0835021980','Công an khu vực',2,48.0,1,'','4450feda-f788-4089-af49-29bc484ade6b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('11bb4e07-ace3-4a83-86ff-46a4b7ba6c95','Bùi Thúy Lụa','PaA!5|ZLaf!4|DaM!1','0832178888','Tình nguyện viên',2,48.0,1,'','2d06a38b-dff9-40c4-89e4-abc0880bd783','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('a89bbf43-f0a9-4a53-99fe-a091ead920f0','Nguyễn Hữu Thành','ZLARL!1|Lba!3|RKafIR!3','0798000683','Hội Cựu chiến binh',3,48.0,1,'','11bc3fdd-0d33-4a73-9e28-2a53fe9bec0c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('76d216e4-1f17-492a-831e-35e8decf5508','Nguyễn Văn Ơn','UR!0|cBR!0|RKafIR!3','0827138361','Hội Cựu chiến binh',2,48.0,1,'','61b73798-dabf-4563-bc83-1dc60f31be10','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('fd63ed5b-a385-4c4b-9a9b-f98c7b6471e2','Nguyễn Đức Tuấn','ZaCR!4|GbE!4|RKafIR!3','0813543784','Đoàn thanh niên',2,48.0,1,'','8c77e6e8-0e2b-47b9-b6f3-524383956590','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('2b11500a-9bd2-4ae9-9c2d-814723a677bc','Nguyễn Ngọc Nhàn','RLAR!1|RKSE!5|RKafIR!3','0916773754','Tình nguyện viên',1,48.0,1,'','63bbd751-de12-40df-bb73-86d46e5c30a0','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('585caff6-7b09-458d-b3e6-b335c78b0779','Nguyễn Thúy Gấm','KCQ!4|ZLaf!4|RKafIR!3','0827355944','Hội Cựu chiến binh',2,48.0,1,'','815d7257-5f3f-440f-8cf4-6882030a69d3','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('fdc0754a-6b1d-4f02-a4c3-a235dd222527','Nguyễn Thanh Anh','ARL!0|ZLARL!0|RKafIR!3','0916047689','Công an khu vực',3,48.0,1,'','a6d71acb-e86a-4da6-9f5e-ef2e7072ef7b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('4fc60364-7334-4db8-9804-6eb1cfac7ea7','Tô Thị Phương','VLbURK!0|ZLM!5|ZT!0','0761748517','Hội Cựu chiến binh',3,48.0,1,'','00020fe1-384c-4001-92c8-2b98256d3aec','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('d80caa4d-0685-48d5-9f0c-6f07da305f2c','Trần Minh Nụ','Ra!5|QMRL!0|ZXCR!1','0566304218','Công an khu vực',1,48.0,1,'','e29bffac-23b7-46db-800d-f9079d5bbaa7','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('394e093a-66dc-4854-98b2-88345c8d2962','Trần Thúy Nguyệt','RKafIZ!5|ZLaf!4|ZXCR!1','0986223897','Đoàn thanh niên',2,48.0,1,'','32655f0a-4871-4849-af67-2c455215c120','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('6ad83ab1-21aa-40cb-8919-e6f9482db7f8','Phạm Tiến Khoa','OLSA!0|ZMIR!4|VLAQ!5','0320476480','Hội Cựu chiến binh',2,48.0,1,'','5d2e24d5-bcc7-4fc2-b1c7-194188cbe598','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('2b56363c-f5ef-4434-9b04-5aaecf4cc239','Nguyễn Quang Toàn','ZSAR!1|WaARK!0|RKafIR!3','0975599457','Dân quân',3,48.0,1,'','1ee802fe-958f-4736-aeb4-0d0f56d78548','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('0b8a276b-3e99-46c8-8f68-bc281eb81432','Nguyễn Mạnh Lợi','PUM!5|QARL!5|RKafIR!3','0563816251','Hội Cựu chiến binh',3,48.0,1,'','e3ea9d55-2390-43aa-b9b0-b373399035fa','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('ae3eed74-d458-44bb-9351-5e57390650e7','Trần Thị Ánh','ARL!4|ZLM!5|ZXCR!1','0564278782','Công an khu vực',2,48.0,1,'','d2d6c7d2-1e09-42eb-b09e-03428d7f9f32','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('e9a5e9a0-58aa-4d2b-9dbb-f8b79f58fd6f','Nguyễn Tiến Bảo','DAS!2|ZMIR!4|RKafIR!3','0356527756','Dân quân',1,48.0,1,'','59ece52b-cbc5-4289-872e-44bc6e4505da','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "staff" VALUES('7cac3939-83c9-4917-889d-555b5f0dad89','Lê Kim Thơ','ZLU!0|OMQ!0|PI!0','0894490296','Tình nguyện viên',1,48.0,1,'','2f045239-fc53-45e9-951a-27e07d7ec31c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE sweeps (
	name VARCHAR(200) NOT NULL, 
	started_on DATE NOT NULL, 
	ended_on DATE, 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_sweeps PRIMARY KEY (id), 
	CONSTRAINT ck_sweeps_ended_on_after_started_on CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on), 
	CONSTRAINT fk_sweeps_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE team_households (
	team_id VARCHAR(36) NOT NULL, 
	household_id VARCHAR(36) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_team_households PRIMARY KEY (id), 
	CONSTRAINT fk_team_households_team_id_teams FOREIGN KEY(team_id) REFERENCES teams (id), 
	CONSTRAINT fk_team_households_household_id_households FOREIGN KEY(household_id) REFERENCES households (id), 
	CONSTRAINT fk_team_households_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','21636369-8b52-4b4a-97b7-50923ceb3ffd','db87c3c0-95ae-448d-a8f2-eddcdc2f9bce','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','fdb17f54-4799-4b6b-9b3d-115007564931','341dd687-8698-47ec-bced-5922b8f09e80','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','bc344f4b-af09-4db4-91ba-e46af8abffd6','6ecdd572-b8a9-4208-8f54-09f072729d24','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','1183c186-0cc1-4033-9fe7-81540bd2c551','31a4063c-a12f-4588-8fe5-22ebdb93a3a7','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','6ba6cc6d-50a0-48d8-b3ef-fcadc29237ff','37506b9f-da90-4c69-9f12-7c7b7e57932c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','daf48e79-b490-48fa-abdf-e39e4bbdb813','f0094232-1a84-4edb-92a0-e8b42f080ba3','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','c1129341-1b6f-490f-83fd-d202d13ddea2','e9e0369d-ed9d-4190-9ea6-a8c674f10a57','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','9180943b-2b9a-4524-8710-df9c8b72c34a','36426e09-d79b-4c1d-a5ab-7d8380519eee','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','1ad3610a-00ef-4dc8-9e1d-3892979e33a0','09a78035-c138-4ba9-afbc-7d2650beb49b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','7769297d-732c-4e3f-8c55-731bdf4c4d23','62633137-3f34-44cf-bfae-8bd553b4c311','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','37fefa6a-b9f2-4be3-b4f9-9b77ee51a912','d540476e-ae4e-4151-99f8-3923e14c1e3b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_households" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','7c4e720a-6970-4c8b-89aa-86eb85a1b05d','66bc9bae-3c9d-4b92-8e97-0fa7baae19f6','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE team_members (
	team_id VARCHAR(36) NOT NULL, 
	person_id VARCHAR(36), 
	full_name VARCHAR(200) NOT NULL, 
	role VARCHAR(200) NOT NULL, 
	organisation VARCHAR(200) NOT NULL, 
	phone VARCHAR(15), 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_team_members PRIMARY KEY (id), 
	CONSTRAINT fk_team_members_team_id_teams FOREIGN KEY(team_id) REFERENCES teams (id), 
	CONSTRAINT fk_team_members_person_id_persons FOREIGN KEY(person_id) REFERENCES persons (id), 
	CONSTRAINT fk_team_members_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "team_members" VALUES('6386b8d0-23d4-44ae-8630-220179008596','6b761fc5-4a57-42b2-aaba-54efa25994fc','Nguyễn Hồng Linh','Trưởng ban','Chi bộ','0824897988','96085c52-6eae-499c-a2c2-9ff782ffba5f','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6386b8d0-23d4-44ae-8630-220179008596','eb9919a5-966b-4c65-bf4f-2ce2782a1949','Đào Duy Long','Phó trưởng ban','Trưởng thôn','0764998241','a3f1cb6e-18d7-429d-8974-4d136fab6954','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6386b8d0-23d4-44ae-8630-220179008596','4fc60364-7334-4db8-9804-6eb1cfac7ea7','Tô Thị Phương','Thành viên','Y tế','0771401619','c0ea1def-e08e-483b-b112-368f107a8c55','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6386b8d0-23d4-44ae-8630-220179008596','4fc60364-7334-4db8-9804-6eb1cfac7ea7','Tô Thị Phương','Thành viên','Công an','0971107417','7add555f-530a-4079-826e-14efd9945269','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6386b8d0-23d4-44ae-8630-220179008596','394e093a-66dc-4854-98b2-88345c8d2962','Trần Thúy Nguyệt','Thành viên','Mặt trận Tổ quốc','0986223897','d394a2d6-181b-4877-a4f7-f14fa1a0c65e','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6b33fba4-a4e8-4e73-94e2-1040a8f89a26','02fbffb3-fc3d-48db-95e7-157124a1b145','Nguyễn Hữu Lực','Tổ trưởng','Phó trưởng Công an','0343529907','33b1f592-529c-4135-a258-9e3e39db9f21','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6b33fba4-a4e8-4e73-94e2-1040a8f89a26','eb9919a5-966b-4c65-bf4f-2ce2782a1949','Đào Duy Long','Thành viên','Quân sự','0811484079','06cc864e-849d-4143-a42a-e2610d48dfab','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6b33fba4-a4e8-4e73-94e2-1040a8f89a26','a89bbf43-f0a9-4a53-99fe-a091ead920f0','Nguyễn Hữu Thành','Thành viên','Y tế','0798000683','d43b0b45-92eb-432b-bd4a-53258612e776','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6b33fba4-a4e8-4e73-94e2-1040a8f89a26','fd63ed5b-a385-4c4b-9a9b-f98c7b6471e2','Nguyễn Đức Tuấn','Thành viên','Tình nguyện viên','0373896258','db7c4aa0-d306-441c-b801-db00d223ab72','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('6b33fba4-a4e8-4e73-94e2-1040a8f89a26','585caff6-7b09-458d-b3e6-b335c78b0779','Nguyễn Thúy Gấm','Thành viên','Đoàn thanh niên','0827355944','fb694672-5807-4366-88dc-ca7065626410','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','0b8a276b-3e99-46c8-8f68-bc281eb81432','Nguyễn Mạnh Lợi','Tổ trưởng','Trưởng khu','0563816251','57bd7800-4c6e-438b-92b5-283d33ce8e01','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','02fbffb3-fc3d-48db-95e7-157124a1b145','Nguyễn Hữu Lực','Thành viên','Hội Phụ nữ','0343529907','5d4ae27a-8815-4c00-94f9-262b22056f76','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "team_members" VALUES('8743f514-f5ea-432f-a954-bcd374ba91b8','ae3eed74-d458-44bb-9351-5e57390650e7','Trần Thị Ánh','Thành viên','Đoàn thanh niên','0564278782','c4c9e465-509a-4637-9ad8-0fc1849fee4c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE teams (
	kind VARCHAR(16) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	area VARCHAR(100) NOT NULL, 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_teams PRIMARY KEY (id), 
	CONSTRAINT ck_teams_kind_enum CHECK (kind IN ('steering', 'community', 'self_managed', 'rapid_response')), 
	CONSTRAINT fk_teams_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "teams" VALUES('steering','Ban chỉ đạo phòng, chống dịch','','','6386b8d0-23d4-44ae-8630-220179008596','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "teams" VALUES('rapid_response','Tổ phản ứng nhanh','','','6b33fba4-a4e8-4e73-94e2-1040a8f89a26','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "teams" VALUES('community','Tổ Covid cộng đồng số 1','Tổ 1','','8743f514-f5ea-432f-a954-bcd374ba91b8','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE test_results (
	round_id VARCHAR(36) NOT NULL, 
	person_id VARCHAR(36) NOT NULL, 
	tested_on DATE NOT NULL, 
	outcome VARCHAR(10) NOT NULL, 
	pool_code VARCHAR(40) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_test_results PRIMARY KEY (id), 
	CONSTRAINT ck_test_results_outcome_enum CHECK (outcome IN ('pending', 'negative', 'positive')), 
	CONSTRAINT fk_test_results_round_id_testing_rounds FOREIGN KEY(round_id) REFERENCES testing_rounds (id), 
	CONSTRAINT fk_test_results_person_id_persons FOREIGN KEY(person_id) REFERENCES persons (id), 
	CONSTRAINT fk_test_results_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE testing_rounds (
	name VARCHAR(200) NOT NULL, 
	held_on DATE NOT NULL, 
	method VARCHAR(12) NOT NULL, 
	pool_size INTEGER, 
	target VARCHAR(12) NOT NULL, 
	area VARCHAR(100) NOT NULL, 
	zone_id VARCHAR(36), 
	closed BOOLEAN NOT NULL, 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_testing_rounds PRIMARY KEY (id), 
	CONSTRAINT ck_testing_rounds_method_enum CHECK (method IN ('pcr', 'pcr_pooled', 'rapid')), 
	CONSTRAINT ck_testing_rounds_target_enum CHECK (target IN ('everyone', 'workers', 'risk_group', 'f1')), 
	CONSTRAINT ck_testing_rounds_pool_size CHECK (pool_size IS NULL OR pool_size BETWEEN 1 AND 20), 
	CONSTRAINT fk_testing_rounds_zone_id_zones FOREIGN KEY(zone_id) REFERENCES zones (id), 
	CONSTRAINT fk_testing_rounds_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE tips (
	received_on DATE NOT NULL, 
	channel VARCHAR(200) NOT NULL, 
	content TEXT NOT NULL, 
	action TEXT NOT NULL, 
	closed BOOLEAN NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_tips PRIMARY KEY (id), 
	CONSTRAINT fk_tips_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE unavailabilities (
	staff_id VARCHAR(36) NOT NULL, 
	starts_at DATETIME NOT NULL, 
	ends_at DATETIME NOT NULL, 
	reason VARCHAR(200) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_unavailabilities PRIMARY KEY (id), 
	CONSTRAINT ck_unavailabilities_ordered CHECK (ends_at > starts_at), 
	CONSTRAINT fk_unavailabilities_staff_id_staff FOREIGN KEY(staff_id) REFERENCES staff (id), 
	CONSTRAINT fk_unavailabilities_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE units (
	parent_id VARCHAR(36), 
	level VARCHAR(16) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	code VARCHAR(20), 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_units PRIMARY KEY (id), 
	CONSTRAINT ck_units_level_enum CHECK (level IN ('province', 'district', 'commune', 'village')), 
	CONSTRAINT fk_units_parent_id_units FOREIGN KEY(parent_id) REFERENCES units (id), 
	CONSTRAINT fk_units_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "units" VALUES(NULL,'province','Tỉnh Vĩnh Phúc','TVP','3a57bb96-b870-4d17-aa67-0ef86b33a65f','2026-11-24 11:06:52.530700','2026-11-24 11:06:52.530700',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'3a57bb96-b870-4d17-aa67-0ef86b33a65f');
INSERT INTO "units" VALUES('3a57bb96-b870-4d17-aa67-0ef86b33a65f','district','Thành phố Phúc Yên','TPPY','635d6963-79e1-4c04-a9ed-9af48acb674e','2026-11-24 11:06:52.533863','2026-11-24 11:06:52.533863',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'635d6963-79e1-4c04-a9ed-9af48acb674e');
INSERT INTO "units" VALUES('635d6963-79e1-4c04-a9ed-9af48acb674e','commune','Phường Hùng Vương','PHV','52a234a7-7b46-4564-bea5-52c06357dd5d','2026-11-24 11:06:52.534694','2026-11-24 11:06:52.534694',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'52a234a7-7b46-4564-bea5-52c06357dd5d');
INSERT INTO "units" VALUES('52a234a7-7b46-4564-bea5-52c06357dd5d','village','Tổ dân phố Xuân Mai','XM','eddef74f-65c6-47ad-8843-5bc385894c08','2026-11-24 11:06:52.535416','2026-11-24 11:06:52.535416',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE vaccinations (
	person_id VARCHAR(36) NOT NULL, 
	dose_no INTEGER NOT NULL, 
	given_on DATE, 
	vaccine VARCHAR(100) NOT NULL, 
	place VARCHAR(200) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_vaccinations PRIMARY KEY (id), 
	CONSTRAINT ck_vaccinations_dose_no_range CHECK (dose_no BETWEEN 1 AND 6), 
	CONSTRAINT fk_vaccinations_person_id_persons FOREIGN KEY(person_id) REFERENCES persons (id), 
	CONSTRAINT fk_vaccinations_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
INSERT INTO "vaccinations" VALUES('26d0b944-a286-4a7f-bb5f-3d86268ecc45',1,'2021-09-05','Sputnik V','Trạm Y tế phường','c6f8da3e-abe1-4f58-83e0-a813bdc2ae99','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('fd63ed5b-a385-4c4b-9a9b-f98c7b6471e2',1,'2021-08-14','AstraZeneca','Trạm Y tế phường','0526ef70-2698-4f4f-a5a8-181b691406be','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('fd63ed5b-a385-4c4b-9a9b-f98c7b6471e2',2,'2021-10-18','AstraZeneca','Trạm Y tế phường','df6da8e1-6a4a-4ed7-84cf-8b966d59298c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('891ba6ad-998a-4e31-9bad-b4f513b45a39',1,'2021-07-26','Sputnik V','Trạm Y tế phường','27fca832-436c-4d2a-9c47-92da4aa71c38','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('891ba6ad-998a-4e31-9bad-b4f513b45a39',2,'2021-08-28','Sputnik V','Trạm Y tế phường','5057326c-56fe-49f7-9e26-c45bfad9d3a9','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('891ba6ad-998a-4e31-9bad-b4f513b45a39',3,'2022-02-10','Sputnik V','Trạm Y tế phường','dc98da8a-e58b-4c6a-a369-55e7f56ab44e','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('4d14075d-efba-436b-bcd5-b001b732f694',1,'2021-08-03','Sinopharm (Vero Cell)','Trạm Y tế phường','c9d459c5-02ee-40ab-96c2-adc08c65f067','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('4d14075d-efba-436b-bcd5-b001b732f694',2,'2021-10-23','Sinopharm (Vero Cell)','Trạm Y tế phường','05222fb2-509b-4d4d-9478-99a4fcc9e97f','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('2b56363c-f5ef-4434-9b04-5aaecf4cc239',1,'2021-09-22','Moderna','Trạm Y tế phường','454608a5-737b-4ed7-9182-c3c8e288b164','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('2b56363c-f5ef-4434-9b04-5aaecf4cc239',2,'2021-11-17','Moderna','Trạm Y tế phường','8795ad0f-08ae-412f-9ef4-91a6c9794969','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('2b56363c-f5ef-4434-9b04-5aaecf4cc239',3,'2022-04-10','Moderna','Trạm Y tế phường','d6a66353-d611-4814-8e88-f3e750ad12d3','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('6b761fc5-4a57-42b2-aaba-54efa25994fc',1,'2021-07-05','Sputnik V','Trạm Y tế phường','7a33c67c-0131-43e3-b317-16d827ef79cb','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('6b761fc5-4a57-42b2-aaba-54efa25994fc',2,'2021-10-06','Sputnik V','Trạm Y tế phường','fc5ab8f2-f33d-430a-8f12-33c76f31b692','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('0b8a276b-3e99-46c8-8f68-bc281eb81432',1,'2021-09-27','Moderna','Trạm Y tế phường','6e0d0eb1-e651-471d-a230-ffbce5856cfa','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('0b8a276b-3e99-46c8-8f68-bc281eb81432',2,'2021-10-31','Moderna','Trạm Y tế phường','1eeda989-becb-4e01-bb25-f34a035d7017','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('0b8a276b-3e99-46c8-8f68-bc281eb81432',3,'2022-03-21','Moderna','Trạm Y tế phường','a9b38f20-3d32-41cc-8cc5-76f280d0dfba','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('caab02c8-3d4d-471b-abda-77121e84949c',1,'2021-07-17','AstraZeneca','Trạm Y tế phường','dcd06050-9226-41c6-a0ec-66f37ccce344','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('caab02c8-3d4d-471b-abda-77121e84949c',2,'2021-10-04','AstraZeneca','Trạm Y tế phường','3f8de0e1-457a-46a7-81a9-425a0cc85574','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('caab02c8-3d4d-471b-abda-77121e84949c',3,'2022-03-07','AstraZeneca','Trạm Y tế phường','6c48ae19-8509-49dc-86fa-ea979e3b164d','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('00e4a64e-8e36-42c7-a0ab-0e211fae68cf',1,'2021-08-18','AstraZeneca','Trạm Y tế phường','5f8eec2c-0aff-4758-adb5-db0591157d5f','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('00e4a64e-8e36-42c7-a0ab-0e211fae68cf',2,'2021-11-12','AstraZeneca','Trạm Y tế phường','8a943011-c859-478d-a678-2c0b9abc3e5b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('76d216e4-1f17-492a-831e-35e8decf5508',1,'2021-09-23','Sputnik V','Trạm Y tế phường','518201e1-bbd6-4184-9bcf-238aaae550d5','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('76d216e4-1f17-492a-831e-35e8decf5508',2,'2021-12-28','Sputnik V','Trạm Y tế phường','b771eb29-9677-4bc0-8fc6-61781a66f0bf','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('d80caa4d-0685-48d5-9f0c-6f07da305f2c',1,'2021-08-31','Sinopharm (Vero Cell)','Trạm Y tế phường','16baa014-cc7a-432f-8ca4-4e40943e5a22','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('d80caa4d-0685-48d5-9f0c-6f07da305f2c',2,'2021-10-02','Sinopharm (Vero Cell)','Trạm Y tế phường','82e63e71-904a-496f-8475-8a8dff09f015','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('d80caa4d-0685-48d5-9f0c-6f07da305f2c',3,'2022-04-07','Sinopharm (Vero Cell)','Trạm Y tế phường','8df13f02-1b53-4e13-bd01-9261b7149706','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('64cb7c6c-f14f-48f2-80e8-36c4b33aa10a',1,'2021-09-15','Sputnik V','Trạm Y tế phường','6b104fc5-8e7f-4ffb-99ac-3e68f052e38f','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('64cb7c6c-f14f-48f2-80e8-36c4b33aa10a',2,'2021-10-23','Sputnik V','Trạm Y tế phường','f91a3a47-3c3a-447d-8014-4a61601545c4','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('b2da00ae-eaa7-4d79-bbc6-bc8ebf8712c4',1,'2021-08-26','Pfizer','Trạm Y tế phường','32fd7325-c086-40b8-8471-883f22e38f40','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('b2da00ae-eaa7-4d79-bbc6-bc8ebf8712c4',2,'2021-10-11','Pfizer','Trạm Y tế phường','ef4e5822-5099-48f4-83ff-8f4a95eb0428','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('fdc0754a-6b1d-4f02-a4c3-a235dd222527',1,'2021-09-28','Moderna','Trạm Y tế phường','e6d966bc-d5a9-4d4c-949c-c37677d2519b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('fdc0754a-6b1d-4f02-a4c3-a235dd222527',2,'2022-01-05','Moderna','Trạm Y tế phường','b88062f1-fe27-4324-bb36-6e94071bf2f0','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('703c3e54-1cce-4371-aebc-559daa59d208',1,'2021-08-02','AstraZeneca','Trạm Y tế phường','5fcd1af9-b361-4be8-b0f8-387d8716984f','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('8f4dd469-ee8d-4564-9bb4-085e1f85807e',1,'2021-08-12','Sputnik V','Trạm Y tế phường','2fd8dee2-a5c1-4204-8cf1-e9c08e0f7cf9','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('8f4dd469-ee8d-4564-9bb4-085e1f85807e',2,'2021-11-06','Sputnik V','Trạm Y tế phường','2d2751e6-c83f-4249-8ffc-3f007b7cc345','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('8f4dd469-ee8d-4564-9bb4-085e1f85807e',3,'2022-03-14','Sputnik V','Trạm Y tế phường','c125a155-2e65-4af6-b740-fdcb1b7ff031','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('6741372d-f1ee-4c7b-9536-7c40e01045b4',1,'2021-07-09','Sinopharm (Vero Cell)','Trạm Y tế phường','1cb49c06-fee1-4029-98cd-5e4d7f7d4ddc','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('6741372d-f1ee-4c7b-9536-7c40e01045b4',2,'2021-08-25','Sinopharm (Vero Cell)','Trạm Y tế phường','ae759794-1982-43dd-9712-06d6453eab6e','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('e54cba55-4ca5-4588-b4fa-32c5afc6fe1c',1,'2021-08-31','AstraZeneca','Trạm Y tế phường','a2507189-ba11-417a-b0c3-a50899f2fd4b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('27116586-e45d-49a9-a852-a132f582752a',1,'2021-07-12','AstraZeneca','Trạm Y tế phường','3bc10191-9e4b-46d0-9c22-791506884a3a','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('27116586-e45d-49a9-a852-a132f582752a',2,'2021-10-12','AstraZeneca','Trạm Y tế phường','04d6a387-89f4-4abf-bfa4-21ef13ed14be','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('27116586-e45d-49a9-a852-a132f582752a',3,'2022-03-24','AstraZeneca','Trạm Y tế phường','58037f62-ded9-4b0f-940e-90f652b7d46c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('c9717e02-1bef-4da3-90d8-ee457c291345',1,'2021-07-10','Moderna','Trạm Y tế phường','7f4491c3-6438-466f-a92b-a5c1b4b1a67c','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('c9717e02-1bef-4da3-90d8-ee457c291345',2,'2021-10-06','Moderna','Trạm Y tế phường','da0ea12a-8995-42ac-9167-73f2b303e1b2','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('c9717e02-1bef-4da3-90d8-ee457c291345',3,'2022-03-29','Moderna','Trạm Y tế phường','4dfd897c-7d30-45d3-a634-bdd33558f736','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('2b11500a-9bd2-4ae9-9c2d-814723a677bc',1,'2021-07-24','AstraZeneca','Trạm Y tế phường','72b1a2f5-6732-4130-85bd-e299d7724844','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('2b11500a-9bd2-4ae9-9c2d-814723a677bc',2,'2021-09-30','AstraZeneca','Trạm Y tế phường','b6c8adab-b414-4b8c-8868-21166861d7f6','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('e9a5e9a0-58aa-4d2b-9dbb-f8b79f58fd6f',1,'2021-07-07','Sinopharm (Vero Cell)','Trạm Y tế phường','f125e6cd-c9af-460b-bb35-a878466c38d5','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('e9a5e9a0-58aa-4d2b-9dbb-f8b79f58fd6f',2,'2021-10-02','Sinopharm (Vero Cell)','Trạm Y tế phường','4cf0b941-f62f-4501-aed3-c52bca0d475a','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('e9a5e9a0-58aa-4d2b-9dbb-f8b79f58fd6f',3,'2022-04-02','Sinopharm (Vero Cell)','Trạm Y tế phường','07b5803f-440c-4599-8fa5-b7f63ffe373d','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('a89bbf43-f0a9-4a53-99fe-a091ead920f0',1,'2021-08-09','Sputnik V','Trạm Y tế phường','2f21deec-4b1e-45c8-b283-19181678b705','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('a89bbf43-f0a9-4a53-99fe-a091ead920f0',2,'2021-10-28','Sputnik V','Trạm Y tế phường','8c196ecb-63ce-468e-81ea-1bad1d5b40ed','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('a89bbf43-f0a9-4a53-99fe-a091ead920f0',3,'2022-04-08','Sputnik V','Trạm Y tế phường','edb3728e-c741-4568-ae17-9c2689592521','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('585caff6-7b09-458d-b3e6-b335c78b0779',1,'2021-07-22','Sputnik V','Trạm Y tế phường','27654c30-0af0-460a-bcb3-7f91f30f8d4d','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('585caff6-7b09-458d-b3e6-b335c78b0779',2,'2021-09-09','Sputnik V','Trạm Y tế phường','d2a2c650-05e0-4a3e-806d-1bd6b5f04170','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('585caff6-7b09-458d-b3e6-b335c78b0779',3,'2022-03-07','Sputnik V','Trạm Y tế phường','ad659009-b11d-4f38-8229-dfac178d0ef4','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('02fbffb3-fc3d-48db-95e7-157124a1b145',1,'2021-08-06','Moderna','Trạm Y tế phường','83fc2c12-8ffc-404d-99ca-fac6385744f8','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('02fbffb3-fc3d-48db-95e7-157124a1b145',2,'2021-10-26','Moderna','Trạm Y tế phường','9ab6e3d0-e83e-472e-87f9-53b88143db98','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('02fbffb3-fc3d-48db-95e7-157124a1b145',3,'2022-04-04','Moderna','Trạm Y tế phường','c83c6f68-8904-4be7-a204-ee2ac9e46391','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('ae3eed74-d458-44bb-9351-5e57390650e7',1,'2021-09-21','Abdala','Trạm Y tế phường','b311049e-df27-4f61-ab23-63f3c2eb362b','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('ae3eed74-d458-44bb-9351-5e57390650e7',2,'2021-12-02','Abdala','Trạm Y tế phường','72129d8a-a93c-44a2-9a65-320c6721d3ba','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('eb9919a5-966b-4c65-bf4f-2ce2782a1949',1,'2021-07-03','Pfizer','Trạm Y tế phường','b8ec8191-073c-4ada-988a-c292e4763d44','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('eb9919a5-966b-4c65-bf4f-2ce2782a1949',2,'2021-08-19','Pfizer','Trạm Y tế phường','0fb5b54b-84fb-4e71-80e6-ce974b571308','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('eb9919a5-966b-4c65-bf4f-2ce2782a1949',3,'2022-02-15','Pfizer','Trạm Y tế phường','35141309-bec4-4223-b1df-66000a62447d','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('cf5b3ebe-c342-4c3b-bcc0-46282738df44',1,'2021-08-18','Sinopharm (Vero Cell)','Trạm Y tế phường','4fdb4b62-6e69-4807-a94d-f38ff15c6832','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('cf5b3ebe-c342-4c3b-bcc0-46282738df44',2,'2021-11-13','Sinopharm (Vero Cell)','Trạm Y tế phường','8ac55b78-ffa2-4a68-86a4-0887795eb9ff','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('262c48d8-87e6-46dd-a10a-f02821a8a5d1',1,'2021-07-22','AstraZeneca','Trạm Y tế phường','c51e8b6b-fbd2-47c9-b435-5d41007edfce','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('262c48d8-87e6-46dd-a10a-f02821a8a5d1',2,'2021-10-17','AstraZeneca','Trạm Y tế phường','c918def2-f733-49f5-bab2-b9f25ada5fc3','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('4fc60364-7334-4db8-9804-6eb1cfac7ea7',1,'2021-09-25','Abdala','Trạm Y tế phường','56eba717-42a6-4fbc-b90f-8bf76b106029','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('4fc60364-7334-4db8-9804-6eb1cfac7ea7',2,'2021-10-28','Abdala','Trạm Y tế phường','a0a2cd7e-098d-4bc4-adf7-d89807831298','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('4fc60364-7334-4db8-9804-6eb1cfac7ea7',3,'2022-03-18','Abdala','Trạm Y tế phường','905120c5-cefe-4141-82e9-c5c3e99d062e','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('7cac3939-83c9-4917-889d-555b5f0dad89',1,'2021-09-21','Abdala','Trạm Y tế phường','58867b9e-ebb3-46d2-8fb6-5b1631f139db','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('6ad83ab1-21aa-40cb-8919-e6f9482db7f8',1,'2021-07-11','Abdala','Trạm Y tế phường','bccaaf48-3332-495b-b4f0-174a3ad1076a','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('6ad83ab1-21aa-40cb-8919-e6f9482db7f8',2,'2021-08-18','Abdala','Trạm Y tế phường','be367ee3-1d79-4999-86b8-4d7db2bc95cc','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
INSERT INTO "vaccinations" VALUES('6ad83ab1-21aa-40cb-8919-e6f9482db7f8',3,'2021-12-31','Abdala','Trạm Y tế phường','e16eb668-d15b-4bba-96b0-474ea190dfe7','2026-11-24 08:00:00.000000','2026-11-24 08:00:00.000000',1,'90194121-17d6-45a5-a0b1-88b8358499b4',0,'eddef74f-65c6-47ad-8843-5bc385894c08');
CREATE TABLE violations (
	person_id VARCHAR(36), 
	full_name VARCHAR(200) NOT NULL, 
	what TEXT NOT NULL, 
	occurred_on DATE NOT NULL, 
	place VARCHAR(300) NOT NULL, 
	handling VARCHAR(10) NOT NULL, 
	fine_amount INTEGER NOT NULL, 
	status VARCHAR(8) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_violations PRIMARY KEY (id), 
	CONSTRAINT ck_violations_handling_enum CHECK (handling IN ('reminder', 'record', 'fine', 'referral', '')), 
	CONSTRAINT ck_violations_status_enum CHECK (status IN ('open', 'closed')), 
	CONSTRAINT ck_violations_fine_positive CHECK (fine_amount >= 0), 
	CONSTRAINT fk_violations_person_id_persons FOREIGN KEY(person_id) REFERENCES persons (id), 
	CONSTRAINT fk_violations_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE zone_households (
	zone_id VARCHAR(36) NOT NULL, 
	household_id VARCHAR(36) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_zone_households PRIMARY KEY (id), 
	CONSTRAINT fk_zone_households_zone_id_zones FOREIGN KEY(zone_id) REFERENCES zones (id), 
	CONSTRAINT fk_zone_households_household_id_households FOREIGN KEY(household_id) REFERENCES households (id), 
	CONSTRAINT fk_zone_households_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE TABLE zones (
	name VARCHAR(200) NOT NULL, 
	kind VARCHAR(12) NOT NULL, 
	started_on DATE NOT NULL, 
	last_f0_on DATE, 
	lifted_on DATE, 
	notes TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	origin VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	unit_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_zones PRIMARY KEY (id), 
	CONSTRAINT ck_zones_kind_enum CHECK (kind IN ('lockdown', 'isolation')), 
	CONSTRAINT ck_zones_lifted_on_after_started_on CHECK (lifted_on IS NULL OR started_on IS NULL OR lifted_on >= started_on), 
	CONSTRAINT ck_zones_last_f0_on_after_started_on CHECK (last_f0_on IS NULL OR started_on IS NULL OR last_f0_on >= started_on), 
	CONSTRAINT fk_zones_unit_id_units FOREIGN KEY(unit_id) REFERENCES units (id)
);
CREATE INDEX ix_audit_row ON audit_log (table_name, row_id);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_units_deleted ON units (deleted);
CREATE INDEX ix_units_unit_id ON units (unit_id);
CREATE INDEX ix_units_parent_id ON units (parent_id);
CREATE INDEX ix_shift_patterns_unit_id ON shift_patterns (unit_id);
CREATE INDEX ix_shift_patterns_deleted ON shift_patterns (deleted);
CREATE INDEX ix_teams_deleted ON teams (deleted);
CREATE INDEX ix_teams_unit_id ON teams (unit_id);
CREATE INDEX ix_hotlines_deleted ON hotlines (deleted);
CREATE INDEX ix_hotlines_unit_id ON hotlines (unit_id);
CREATE INDEX ix_channels_unit_id ON channels (unit_id);
CREATE INDEX ix_channels_deleted ON channels (deleted);
CREATE INDEX ix_mailboxes_unit_id ON mailboxes (unit_id);
CREATE INDEX ix_mailboxes_deleted ON mailboxes (deleted);
CREATE INDEX ix_tips_deleted ON tips (deleted);
CREATE INDEX ix_tips_unit_id ON tips (unit_id);
CREATE INDEX ix_risk_assessments_assessed_on ON risk_assessments (assessed_on);
CREATE INDEX ix_risk_assessments_deleted ON risk_assessments (deleted);
CREATE INDEX ix_risk_assessments_unit_id ON risk_assessments (unit_id);
CREATE INDEX ix_daily_reports_unit_id ON daily_reports (unit_id);
CREATE INDEX ix_daily_reports_deleted ON daily_reports (deleted);
CREATE INDEX ix_daily_reports_report_on ON daily_reports (report_on);
CREATE INDEX ix_zones_unit_id ON zones (unit_id);
CREATE INDEX ix_zones_deleted ON zones (deleted);
CREATE INDEX ix_sweeps_deleted ON sweeps (deleted);
CREATE INDEX ix_sweeps_unit_id ON sweeps (unit_id);
CREATE INDEX ix_households_deleted ON households (deleted);
CREATE INDEX ix_households_area ON households (area);
CREATE INDEX ix_households_head_id ON households (head_id);
CREATE UNIQUE INDEX uq_households_unit_code ON households (unit_id, code) WHERE deleted = 0;
CREATE INDEX ix_households_unit_id ON households (unit_id);
CREATE INDEX ix_households_head_sort ON households (head_sort);
CREATE INDEX ix_organizations_name_key ON organizations (name_key);
CREATE INDEX ix_organizations_deleted ON organizations (deleted);
CREATE INDEX ix_organizations_unit_id ON organizations (unit_id);
CREATE INDEX ix_settings_unit_id ON settings (unit_id);
CREATE INDEX ix_settings_deleted ON settings (deleted);
CREATE INDEX ix_checkpoints_deleted ON checkpoints (deleted);
CREATE INDEX ix_checkpoints_unit_id ON checkpoints (unit_id);
CREATE INDEX ix_team_households_deleted ON team_households (deleted);
CREATE INDEX ix_team_households_team_id ON team_households (team_id);
CREATE INDEX ix_team_households_household_id ON team_households (household_id);
CREATE INDEX ix_team_households_unit_id ON team_households (unit_id);
CREATE INDEX ix_zone_households_zone_id ON zone_households (zone_id);
CREATE INDEX ix_zone_households_unit_id ON zone_households (unit_id);
CREATE INDEX ix_zone_households_household_id ON zone_households (household_id);
CREATE INDEX ix_zone_households_deleted ON zone_households (deleted);
CREATE INDEX ix_testing_rounds_deleted ON testing_rounds (deleted);
CREATE INDEX ix_testing_rounds_unit_id ON testing_rounds (unit_id);
CREATE INDEX ix_inspections_deleted ON inspections (deleted);
CREATE INDEX ix_inspections_household_id ON inspections (household_id);
CREATE INDEX ix_inspections_inspected_on ON inspections (inspected_on);
CREATE INDEX ix_inspections_sweep_id ON inspections (sweep_id);
CREATE INDEX ix_inspections_unit_id ON inspections (unit_id);
CREATE INDEX ix_persons_household_id ON persons (household_id);
CREATE INDEX ix_persons_unit_id ON persons (unit_id);
CREATE INDEX ix_persons_deleted ON persons (deleted);
CREATE INDEX ix_persons_sort_key ON persons (sort_key);
CREATE INDEX ix_persons_cccd ON persons (cccd);
CREATE INDEX ix_persons_phone ON persons (phone);
CREATE UNIQUE INDEX uq_persons_unit_cccd ON persons (unit_id, cccd) WHERE deleted = 0 AND cccd IS NOT NULL;
CREATE INDEX ix_persons_name_key_birth ON persons (name_key, birth_year);
CREATE INDEX ix_persons_birth_year ON persons (birth_year);
CREATE INDEX ix_commitments_deleted ON commitments (deleted);
CREATE INDEX ix_commitments_unit_id ON commitments (unit_id);
CREATE INDEX ix_commitments_organization_id ON commitments (organization_id);
CREATE INDEX ix_commitments_household_id ON commitments (household_id);
CREATE INDEX ix_aid_household_id ON aid (household_id);
CREATE INDEX ix_aid_unit_id ON aid (unit_id);
CREATE INDEX ix_aid_deleted ON aid (deleted);
CREATE INDEX ix_staff_deleted ON staff (deleted);
CREATE INDEX ix_staff_person_id ON staff (person_id);
CREATE INDEX ix_staff_unit_id ON staff (unit_id);
CREATE INDEX ix_shifts_unit_id ON shifts (unit_id);
CREATE INDEX ix_shifts_deleted ON shifts (deleted);
CREATE INDEX ix_shifts_checkpoint_start ON shifts (checkpoint_id, starts_at);
CREATE INDEX ix_gate_entries_deleted ON gate_entries (deleted);
CREATE INDEX ix_gate_entries_checkpoint_id ON gate_entries (checkpoint_id);
CREATE INDEX ix_gate_entries_time_in ON gate_entries (time_in);
CREATE INDEX ix_gate_entries_person_id ON gate_entries (person_id);
CREATE INDEX ix_gate_entries_unit_id ON gate_entries (unit_id);
CREATE INDEX ix_team_members_deleted ON team_members (deleted);
CREATE INDEX ix_team_members_team_id ON team_members (team_id);
CREATE INDEX ix_team_members_unit_id ON team_members (unit_id);
CREATE INDEX ix_team_members_person_id ON team_members (person_id);
CREATE INDEX ix_violations_deleted ON violations (deleted);
CREATE INDEX ix_violations_unit_id ON violations (unit_id);
CREATE INDEX ix_violations_person_id ON violations (person_id);
CREATE INDEX ix_health_statuses_kind ON health_statuses (kind);
CREATE INDEX ix_health_statuses_deleted ON health_statuses (deleted);
CREATE INDEX ix_health_statuses_person_id ON health_statuses (person_id);
CREATE INDEX ix_health_statuses_unit_id ON health_statuses (unit_id);
CREATE INDEX ix_health_statuses_source_person_id ON health_statuses (source_person_id);
CREATE INDEX ix_vaccinations_unit_id ON vaccinations (unit_id);
CREATE INDEX ix_vaccinations_deleted ON vaccinations (deleted);
CREATE INDEX ix_vaccinations_person_id ON vaccinations (person_id);
CREATE UNIQUE INDEX uq_vaccinations_person_dose ON vaccinations (person_id, dose_no) WHERE deleted = 0;
CREATE INDEX ix_test_results_person_id ON test_results (person_id);
CREATE INDEX ix_test_results_round_id ON test_results (round_id);
CREATE UNIQUE INDEX uq_test_results_round_person ON test_results (round_id, person_id) WHERE deleted = 0;
CREATE INDEX ix_test_results_unit_id ON test_results (unit_id);
CREATE INDEX ix_test_results_deleted ON test_results (deleted);
CREATE INDEX ix_findings_deleted ON findings (deleted);
CREATE INDEX ix_findings_unit_id ON findings (unit_id);
CREATE INDEX ix_findings_inspection_id ON findings (inspection_id);
CREATE INDEX ix_recommendations_unit_id ON recommendations (unit_id);
CREATE INDEX ix_recommendations_inspection_id ON recommendations (inspection_id);
CREATE INDEX ix_recommendations_deleted ON recommendations (deleted);
CREATE INDEX ix_recommendations_household_id ON recommendations (household_id);
CREATE INDEX ix_unavailabilities_deleted ON unavailabilities (deleted);
CREATE INDEX ix_unavailabilities_unit_id ON unavailabilities (unit_id);
CREATE INDEX ix_unavailabilities_staff_id ON unavailabilities (staff_id);
CREATE UNIQUE INDEX uq_assignments_shift_staff ON assignments (shift_id, staff_id) WHERE deleted = 0;
CREATE INDEX ix_assignments_shift_id ON assignments (shift_id);
CREATE INDEX ix_assignments_unit_id ON assignments (unit_id);
CREATE INDEX ix_assignments_deleted ON assignments (deleted);
CREATE INDEX ix_assignments_staff_id ON assignments (staff_id);
COMMIT;
