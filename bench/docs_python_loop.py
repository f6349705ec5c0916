#!/usr/bin/env python3
"""The vendor docs' own Python paging loop for GET /sessions (reference/valor-sessions-endpoint-doc.md),
adapted only to store each page in SQLite with an upsert, committed per page. The baseline for
bench/sync_benchmark.py.

usage: docs_python_loop.py API_ROOT TOKEN LIMIT SQLITE_FILE
       docs_python_loop.py API_ROOT TOKEN LIMIT -      (paging and parsing alone: stores nothing)
"""
import json
import sqlite3
import sys

import requests

api_root, jwt_token, limit, db_file = sys.argv[1:5]
api_url = api_root + "/sessions"

store = db_file != "-"
db = sqlite3.connect(db_file if store else ":memory:")
db.execute("""CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY, date TEXT, s3_key TEXT, duration REAL, athlete_id TEXT,
    assessment_id TEXT, exercise_id TEXT, session_name TEXT, raw TEXT)""")
UPSERT = """INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(session_id) DO UPDATE SET date = excluded.date, s3_key = excluded.s3_key,
    duration = excluded.duration, athlete_id = excluded.athlete_id, assessment_id = excluded.assessment_id,
    exercise_id = excluded.exercise_id, session_name = excluded.session_name, raw = excluded.raw"""

all_items = 0
# Default continuation token should be an empty string wrapped in a json
continuation_token = json.dumps("")

while True:
    headers = {
        'X-Continuation-Token': continuation_token,
        'Authorization': f'Bearer {jwt_token}'
    }
    params = {'limit': limit, 'athleteID': ''}
    response = requests.get(api_url, headers=headers, params=params)

    if response.status_code == 200:
        data = response.json()
        items = json.loads(data.get('body'))

        if store:
            db.executemany(UPSERT, [(i.get('SessionID'), i.get('Date'), i.get('s3Key'), i.get('Duration'),
                                     i.get('AthleteID'), i.get('AssessmentID'), i.get('ExerciseID'),
                                     i.get('SessionName'), json.dumps(i)) for i in items])
            db.commit()
        all_items += len(items)

        continuation_token = data.get('X-Continuation-Token')
        if continuation_token != "null":
            continuation_token = json.dumps(continuation_token)
        if continuation_token == "null":
            break
    else:
        print(f"Error: {response.status_code}", file=sys.stderr)
        sys.exit(1)

print(all_items)
