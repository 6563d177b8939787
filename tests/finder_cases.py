"""Realistic finder cases, each written from its entity page's own facts, with the first candidate a
radiologist would name. tests/test_finder_ranking.py runs them on the Python ranking and, in a
browser, on the finder page's own script."""

CASES = [
    # Periarticular masses in a dialysis patient: renal osteodystrophy, not tumoral calcinosis or myeloma.
    ("kind=calcification&site=periarticular&finding=renal-failure", "renal-osteodystrophy"),
    ("kind=calcification&site=periarticular&morphology=tumoral&finding=renal-failure", "renal-osteodystrophy"),
    # Ossification in a muscle after an injury in a young adult: myositis ossificans, not Dancer's bone.
    ("kind=ossification&site=muscle&age=young-adult&finding=injury-or-surgery", "myositis-ossificans"),
    ("kind=ossification&site=muscle&age=young-adult&distribution=solitary&finding=soft-tissue-mass",
     "myositis-ossificans"),
    # A child with sheet-like ossification and short, malformed great toes.
    ("kind=ossification&age=child&finding=great-toe-malformation", "fibrodysplasia-ossificans-progressiva"),
    # Ossification about the hips of a paraplegic patient.
    ("kind=ossification&site=periarticular&distribution=lower-limb&finding=neurological-injury",
     "paraplegia-heterotopic-ossification"),
    # Bone round a hip replacement in an older adult.
    ("kind=ossification&site=periarticular&age=older-adult&finding=injury-or-surgery",
     "post-arthroplasty-heterotopic-ossification"),
    # Linear cartilage calcification in an older adult with arthropathy.
    ("kind=calcification&site=articular-cartilage&age=older-adult&finding=chondrocalcinosis",
     "cppd-deposition-disease"),
    # Flowing ossification along the spine of an older adult, sacroiliac joints normal.
    ("kind=ossification&site=ligament&age=older-adult&finding=spinal-ligament-ossification", "dish"),
    # Ligament ossification with sacroiliitis in a young adult.
    ("kind=ossification&age=young-adult&finding=sacroiliitis", "ankylosing-spondylitis"),
    # Multiple small rings in the veins of the pelvis.
    ("kind=calcification&site=vessel&morphology=ring&distribution=multiple", "phlebolith"),
    # Low calcium, high phosphate and basal ganglia calcification.
    ("kind=calcification&calcium=low&phosphate=high&finding=basal-ganglia-calcification", "hypoparathyroidism"),
    # Punctate calcification in the fingertips of a young adult with tight, thickened skin.
    ("kind=calcification&site=fingertips&morphology=punctate&age=young-adult&finding=skin-changes",
     "scleroderma"),
    # A weak child with sheet-like calcification in the proximal muscles.
    ("kind=calcification&site=muscle&morphology=sheet&distribution=proximal&finding=muscle-weakness",
     "dermatomyositis"),
    # Reticulated subcutaneous calcification in the lower legs with phleboliths.
    ("kind=calcification&site=subcutaneous&morphology=reticulated&distribution=lower-limb&finding=phleboliths",
     "venous-stasis"),
    # A young adult with a lobulated periarticular mass, normal calcium and high phosphate.
    ("kind=calcification&site=periarticular&morphology=tumoral&age=young-adult&calcium=normal&phosphate=high",
     "idiopathic-tumoral-calcinosis"),
    # Dense lobulated ossification on the back of a bone in a young adult.
    ("kind=ossification&site=juxtacortical&morphology=tumoral&age=young-adult", "parosteal-osteosarcoma"),
    # High calcium with hilar nodes.
    ("kind=calcification&calcium=high&finding=hilar-lymphadenopathy", "sarcoidosis"),
    # Tophi: lumpy periarticular calcification with punched-out erosions in an older adult.
    ("kind=calcification&site=periarticular&morphology=tumoral&age=older-adult&finding=joint-erosions", "gout"),
    # Rounded calcification in a tendon of a young adult's shoulder: the disease before its named form.
    ("kind=calcification&site=tendon-bursa&morphology=rounded&distribution=solitary&age=young-adult",
     "calcium-hydroxyapatite-deposition-disease"),
    # Linear calcification in the leg arteries of a patient on dialysis.
    ("kind=calcification&site=vessel&morphology=linear&distribution=lower-limb&finding=renal-failure",
     "monckeberg-medial-calcific-sclerosis"),
]
