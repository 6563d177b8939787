"""Where the generated downloads and data scripts are published: names pages link to, known before
the files are made (the build lists them first; the forked generator fills them later)."""

JSON_NAME = "soft-tissue-calcification.json"
SCHEMA_NAME = "soft-tissue-calcification.schema.json"
CSV_NAME = "soft-tissue-calcification-differentials.csv"
APKG_NAME = "soft-tissue-calcification.apkg"
FINDER_SCRIPT = "assets/javascripts/finder-data.js"
QUIZ_SCRIPT = "assets/javascripts/quiz-data.js"
# What `download_link` may link to: the files under downloads/ a page may offer.
DOWNLOAD_NAMES = (JSON_NAME, SCHEMA_NAME, CSV_NAME, APKG_NAME)
