"""The shape of the book's data: the single source of truth.

Every YAML file in `data/` is validated against one of these models. The JSON
Schema in `data/schema/` is exported from them (`python -m macros.schema`) and
`data/README.md` describes them in prose; tests keep all three in step.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# WIKI_LINK lives with the text rules that refuse a broken link; graph and references import it from here.
from .text_types import WIKI_LINK, Name, Prose, Text, TextKind, Tooltip, Url  # noqa: F401

# Ids become file names and URLs, so they are kept to lower-case ASCII words.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# The folder of each kind of record: data/<folder>/<id>.yml becomes the page <folder>/<id>.md.
FOLDERS = {"entity": "entities", "differential": "differentials", "flow": "flows"}
Id = Annotated[str, TextKind("id"), StringConstraints(pattern=ID_PATTERN, min_length=2, max_length=80)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class Kind(str, Enum):
    condition = "condition"  # a disease, syndrome or injury
    sign = "sign"  # an imaging sign or feature used to decide
    pattern = "pattern"  # a descriptive morphological pattern (e.g. tumoral calcinosis)
    variant = "variant"  # a named form of another entity (e.g. Rider's bone)


class Category(str, Enum):
    calcification = "calcification"
    ossification = "ossification"
    both = "both"


class Mechanism(str, Enum):
    metastatic = "metastatic"  # abnormal calcium-phosphate product, normal tissue
    dystrophic = "dystrophic"  # damaged or devitalised tissue, normal serum
    calcinosis = "calcinosis"  # generalised calcinosis: normal serum, no damage
    crystal_deposition = "crystal-deposition"  # CPPD, HADD, gout
    vascular = "vascular"  # calcification of vessel walls or thrombi
    parasitic = "parasitic"  # calcified dead parasites
    iatrogenic = "iatrogenic"  # injections and treatments
    degenerative = "degenerative"
    inflammatory = "inflammatory"
    heterotopic_ossification = "heterotopic-ossification"  # bone formed after injury
    neoplastic = "neoplastic"  # tumour matrix or tumour bone
    congenital = "congenital"  # inherited or developmental
    metabolic = "metabolic"  # other metabolic or endocrine disturbance
    imaging_sign = "imaging-sign"  # signs and descriptive patterns


class AgeGroup(str, Enum):
    child = "child"  # 0-17 years
    young_adult = "young-adult"  # 18-40 years
    adult = "adult"  # 40-65 years
    older_adult = "older-adult"  # over 65 years


class Morphology(str, Enum):
    linear = "linear"
    curvilinear = "curvilinear"
    tumoral = "tumoral"  # conglomerate, mass-like
    sheet = "sheet"
    ring = "ring"  # circle or oval with a lucent centre
    reticulated = "reticulated"
    amorphous = "amorphous"
    punctate = "punctate"
    nodular = "nodular"
    rounded = "rounded"
    trabecular = "trabecular"  # mature bone with trabeculae and cortex


class Site(str, Enum):
    generalised = "generalised"
    periarticular = "periarticular"
    tendon_bursa = "tendon-bursa"
    ligament = "ligament"
    fingertips = "fingertips"
    articular_cartilage = "articular-cartilage"
    intervertebral_disc = "intervertebral-disc"
    pinna = "pinna"
    muscle = "muscle"
    subcutaneous = "subcutaneous"
    skin = "skin"
    vessel = "vessel"
    nerve = "nerve"
    juxtacortical = "juxtacortical"  # on or next to the surface of a bone
    deep_soft_tissue = "deep-soft-tissue"


class Distribution(str, Enum):
    solitary = "solitary"
    multiple = "multiple"
    symmetric = "symmetric"
    generalised = "generalised"
    proximal = "proximal"
    distal = "distal"
    lower_limb = "lower-limb"


class AssociatedFinding(str, Enum):
    """Another finding, on the image or in the patient, that points to the entity."""

    injury_or_surgery = "injury-or-surgery"  # a past trauma, operation, burn or cold injury
    neurological_injury = "neurological-injury"  # spinal cord or head injury
    renal_failure = "renal-failure"  # chronic kidney disease or dialysis
    nephrocalcinosis = "nephrocalcinosis"  # or renal stones
    subperiosteal_resorption = "subperiosteal-resorption"
    acro_osteolysis = "acro-osteolysis"  # resorption of the terminal tufts
    chondrocalcinosis = "chondrocalcinosis"
    arthropathy = "arthropathy"  # joint space loss, subchondral cysts, osteophytes
    joint_erosions = "joint-erosions"
    neuropathic_joint = "neuropathic-joint"
    sacroiliitis = "sacroiliitis"
    spinal_ligament_ossification = "spinal-ligament-ossification"  # syndesmophytes, flowing ossification
    soft_tissue_mass = "soft-tissue-mass"
    bone_destruction = "bone-destruction"
    periosteal_reaction = "periosteal-reaction"
    bone_sclerosis = "bone-sclerosis"
    osteopenia = "osteopenia"
    vascular_calcification = "vascular-calcification"
    phleboliths = "phleboliths"
    basal_ganglia_calcification = "basal-ganglia-calcification"
    hilar_lymphadenopathy = "hilar-lymphadenopathy"
    skin_changes = "skin-changes"  # thickening, rash, ulcers, nodules
    muscle_weakness = "muscle-weakness"
    great_toe_malformation = "great-toe-malformation"
    short_metacarpals = "short-metacarpals"


class SerumLevel(str, Enum):
    normal = "normal"
    high = "high"
    low = "low"
    variable = "variable"


class Serum(Strict):
    """Serum calcium and phosphate: the first split between metastatic and dystrophic."""

    calcium: SerumLevel
    phosphate: SerumLevel


class Facets(Strict):
    """Structured facts the differential finder and comparison tables filter on."""

    age: list[AgeGroup] = Field(default_factory=list, description="Typical age groups.")
    sites: list[Site] = Field(default_factory=list, description="Tissue compartments involved.")
    morphology: list[Morphology] = Field(default_factory=list)
    distribution: list[Distribution] = Field(default_factory=list)
    serum: Serum | None = None
    associated: list[AssociatedFinding] = Field(
        default_factory=list, description="Other findings that point to it; empty when none is typical.")


class Imaging(Strict):
    """Key imaging features, by modality. At least one modality is required."""

    radiograph: list[Prose] = Field(default_factory=list)
    ct: list[Prose] = Field(default_factory=list)
    mri: list[Prose] = Field(default_factory=list)
    ultrasound: list[Prose] = Field(default_factory=list)
    nuclear: list[Prose] = Field(default_factory=list)

    @model_validator(mode="after")
    def _at_least_one_modality(self) -> Imaging:
        if not any(getattr(self, name) for name in type(self).model_fields):
            raise ValueError(
                "imaging needs at least one modality with a feature, "
                "e.g. `radiograph: [Dense amorphous periarticular calcification]`"
            )
        return self


class TimePoint(Strict):
    """One stage of an evolving lesion, e.g. the myositis ossificans time course."""

    time: Text
    findings: list[Prose] = Field(min_length=1)


class Discriminator(Strict):
    """How to tell this entity from one look-alike."""

    entity: Id = Field(description="The look-alike's entity id.")
    text: Prose


class _Code(Strict):
    code: Annotated[str, TextKind("code")]
    label: Text = Field(description="The official label, checked by the tests.")
    # A code may denote only one form of what a page describes (P15.6 is fat necrosis of the newborn
    # only): a reader who codes from the book must see which form, or they code the wrong thing.
    note: Prose | None = Field(
        default=None, description="Which form of the entity the code denotes, when it denotes only one.")


class Icd10Code(_Code):
    code: Annotated[str, TextKind("code"), StringConstraints(pattern=r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")]


class Icd10CmCode(_Code):
    # ICD-10-CM categories may end in a letter (M1A, C4A), unlike WHO ICD-10.
    code: Annotated[str, TextKind("code"), StringConstraints(pattern=r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")]


class HpoTerm(_Code):
    code: Annotated[str, TextKind("code"), StringConstraints(pattern=r"^HP:[0-9]{7}$")]


class OrphanetCode(_Code):
    code: Annotated[str, TextKind("code"), StringConstraints(pattern=r"^ORPHA:[0-9]+$")]


class OmimCode(_Code):
    code: Annotated[str, TextKind("code"), StringConstraints(pattern=r"^[0-9]{6}$")]


class Codes(Strict):
    """Classification codes with their official labels; the tests check both against code lists."""

    icd10: list[Icd10Code] = Field(default_factory=list, description="WHO ICD-10, e.g. M61.0.")
    icd10cm: list[Icd10CmCode] = Field(
        default_factory=list, description="ICD-10-CM where it is more specific than WHO.")
    hpo: list[HpoTerm] = Field(default_factory=list, description="Human Phenotype Ontology terms.")
    orphanet: list[OrphanetCode] = Field(default_factory=list)
    omim: list[OmimCode] = Field(default_factory=list)
    none_reason: Prose | None = Field(
        default=None, description="Why no code applies (a sign or pattern, say): on purpose."
    )

    def all(self) -> list[tuple[str, _Code]]:
        """(system, code) pairs in display order."""
        return [(system, code) for system in ("icd10", "icd10cm", "hpo", "orphanet", "omim")
                for code in getattr(self, system)]


class Image(Strict):
    """A picture on an entity page: a schematic drawn for the book, or a real image with its licence.

    Licence, source and attribution are required for every image: a picture whose reuse terms are
    unknown cannot be published under the book's licence.
    """

    # Segments start with a letter or digit and a dot is never doubled: a path cannot climb out of docs/.
    file: Annotated[str, TextKind("path"), StringConstraints(
        pattern=r"^assets/images/([a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*\.(svg|png|jpg|jpeg|webp)$")] = Field(
        description="Path under docs/, e.g. assets/images/aunt-minnie/gout.svg")
    alt: Text = Field(description="What the image shows, for readers who cannot see it.")
    caption: Prose | None = None
    kind: Literal["schematic", "radiograph", "ct", "mri", "ultrasound", "photograph"]
    license: Text = Field(description="e.g. CC BY-SA 4.0, CC BY 4.0, public domain")
    source: Text = Field(description="Where it comes from: 'Drawn for this book' or a URL.")
    attribution: Text = Field(description="Who made it, as the licence asks to credit.")


class Reference(Strict):
    citation: Text
    url: Url | None = None


class Review(Strict):
    """When a radiologist last checked the page, and against what: a reader can judge how current it is."""

    date: datetime.date = Field(description="The day of the review, e.g. 2026-12-02.")
    against: Text = Field(
        description="What the page was checked against, e.g. the references it cites and the code lists.")


class PrevalenceLevel(str, Enum):
    """How often a radiologist meets it in general practice: the order StatDx lists a differential in."""

    common = "common"  # met every week or month
    uncommon = "uncommon"  # met a few times a year
    rare = "rare"  # most radiologists meet it seldom or never


class Prevalence(Strict):
    """How common the entity is, and on what that rests: the finder ranks common things first."""

    level: PrevalenceLevel
    source: Text = Field(description="What the level rests on: a standard text, a code list's class, "
                                     "or the reviewer's estimate, said as such.")
    # A rare malignant tumour ranks below common look-alikes, but a reader must still see that
    # missing it costs a life or a limb: the finder and the lists show this flag.
    do_not_miss: Text | None = Field(
        default=None, description="Why it must not be missed although it is rare, e.g. a malignant tumour.")


class Entity(Strict):
    """A condition, sign, pattern or named variant: one file in data/entities/."""

    id: Id | None = Field(default=None, description="Optional; must equal the file name.")
    title: Name
    kind: Kind
    parent: Id | None = Field(default=None, description="For a variant: the entity it is a form of.")
    category: Category
    mechanism: Mechanism
    summary: Prose = Field(description="One or two sentences: what it is.")
    synonyms: list[Name] = Field(default_factory=list)
    eponyms: list[Name] = Field(default_factory=list)
    abbreviations: list[Name] = Field(default_factory=list)
    description: Prose | None = Field(
        default=None, description="Pathophysiology and context in brief (Markdown)."
    )
    who: list[Prose] = Field(default_factory=list, description="Age, sex, associations.")
    where: list[Prose] = Field(default_factory=list, description="Typical sites.")
    key_features: list[Prose] = Field(
        default_factory=list, description="The facts to remember (the lecture's bullets)."
    )
    imaging: Imaging
    time_course: list[TimePoint] = Field(default_factory=list)
    discriminators: list[Discriminator] = Field(default_factory=list)
    pitfalls: list[Prose] = Field(default_factory=list)
    management: list[Prose] = Field(default_factory=list)
    report: list[Prose] = Field(
        default_factory=list, description="What the report should say."
    )
    related: list[Id] = Field(default_factory=list)
    facets: Facets = Field(default_factory=Facets)
    codes: Codes = Field(default_factory=Codes)
    references: list[Reference] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    # The book grew from a lecture outline (tests/seed_coverage.yml); a reader should know which pages
    # go beyond it, because the lecture is what the book is checked against for completeness.
    beyond_lecture: bool = Field(
        default=False,
        description="True for an entity the lecture outline does not name, added because a reader or "
                    "examiner expects it.")
    reviewed: Review | None = Field(
        default=None, description="When the page was last reviewed, and against what.")
    prevalence: Prevalence = Field(
        description="How common it is (common, uncommon, rare) and the source of that.")

    @model_validator(mode="after")
    def _variant_has_parent(self) -> Entity:
        # A named variant (Rider's bone) only makes sense beside the entity it is a form of.
        if self.kind == Kind.variant.value and not self.parent:
            raise ValueError("a variant needs `parent: <entity-id>` naming the entity it is a form of")
        return self


class Item(Strict):
    """One line of a differential list: an entity, or a nested differential list."""

    entity: Id | None = None
    differential: Id | None = None
    label: Name | None = Field(
        default=None, description="Wording in this list when it differs from the entity title."
    )
    note: Prose | None = None

    @model_validator(mode="after")
    def _exactly_one_target(self) -> Item:
        if (self.entity is None) == (self.differential is None):
            raise ValueError(
                "an item names exactly one of `entity: <entity-id>` or `differential: <differential-id>`"
            )
        return self


class Group(Strict):
    """A labelled sub-list inside a differential (e.g. 'Arterial' in linear calcification)."""

    label: Name
    note: Prose | None = None
    items: list[Item] = Field(min_length=1)
    # A list sorted by shape or site is read with the eyes: its heading shows the shape it names.
    images: list[Image] = Field(
        default_factory=list, description="Pictures shown under the group's heading, e.g. the shape's schematic.")


class Axis(str, Enum):
    ossification = "ossification"
    cause = "cause"
    shape = "shape"
    site = "site"
    distribution = "distribution"
    age = "age"
    aunt_minnie = "aunt-minnie"


class Differential(Strict):
    """A differential list (gamut): one file in data/differentials/."""

    id: Id | None = Field(default=None, description="Optional; must equal the file name.")
    title: Name
    axis: Axis
    parent: Id | None = Field(default=None, description="The differential this list sits under.")
    order: int = Field(default=100, description="Position among its siblings, smallest first.")
    summary: Prose
    key_points: list[Prose] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    images: list[Image] = Field(
        default_factory=list,
        description="Pictures shown under the summary, e.g. the schematic of the shape or site the list is about.")

    def grouped_items(self) -> list[tuple[str | None, Item]]:
        """(group label or None, item) for every item, ungrouped ones first."""
        return [*((None, item) for item in self.items),
                *((group.label, item) for group in self.groups for item in group.items)]

    def all_items(self) -> list[Item]:
        return [item for _, item in self.grouped_items()]


class Facts(Strict):
    """What an answer establishes, in the words the entities' own data uses.

    The reader sees the answer's label; the checker reads its facts and tests every route against the
    entity data. A list means "one of these"; an empty field establishes nothing.
    """

    category: Literal["calcification", "ossification"] | None = None
    mechanism: list[Mechanism] = Field(default_factory=list, description="The mechanism is one of these.")
    age: list[AgeGroup] = Field(default_factory=list)
    sites: list[Site] = Field(default_factory=list)
    morphology: list[Morphology] = Field(default_factory=list)
    distribution: list[Distribution] = Field(default_factory=list)
    calcium: Literal["low", "normal", "high"] | None = None
    phosphate: Literal["low", "normal", "high"] | None = None
    associated: list[AssociatedFinding] = Field(
        default_factory=list, description="Findings that are present.")
    absent: list[AssociatedFinding] = Field(
        default_factory=list, description="Findings looked for and not found.")
    listed_in: list[Id] = Field(
        default_factory=list, description="Differential lists the lesion belongs to (each of them).")
    excludes: list[Id] = Field(default_factory=list, description="Entities the answer rules out.")


class Answer(Strict):
    """One way out of a question: the answer's words, the facts it establishes and where it leads."""

    label: Name
    to: Id
    facts: Facts = Field(default_factory=Facts)
    signs: list[Id] = Field(
        default_factory=list, description="The imaging signs (entities) the answer rests on.")

    @model_validator(mode="after")
    def _bone_rests_on_a_sign(self) -> Answer:
        # Calling a density bone is a conclusion from a sign of bone; naming the sign lets the check
        # test the sign's own look-alikes (fat on T1 is also in liposarcoma and haemangioma).
        if self.facts.category == "ossification" and not self.signs:
            raise ValueError("an answer that establishes `category: ossification` names the "
                             "`signs:` it rests on, e.g. `signs: [trabeculation]`")
        return self


class RedFlag(Strict):
    """A finding that sends the reader out of the flow, and what to do instead."""

    id: Id = Field(description="Named by an outcome's `red_flag:`.")
    sign: Prose = Field(description="The finding, e.g. an enlarging mass without a clear injury.")
    action: Prose = Field(description="What to do, e.g. MRI and referral to a sarcoma centre.")


class LeftOut(Strict):
    """An entity in the flow's scope that no route reaches, on purpose: the reader sees why."""

    entity: Id
    reason: Prose


class FlowNode(Strict):
    """A question with answers, or an outcome that leads to a page of the book or to a red flag."""

    question: Prose | None = None
    answers: list[Answer] = Field(default_factory=list)
    outcome: Name | None = None
    entity: Id | None = None
    differential: Id | None = None
    flow: Id | None = Field(default=None, description="Continue in another decision flow.")
    red_flag: Id | None = Field(default=None, description="Stop: one of the flow's `safety_net` items.")
    consider: list[Id] = Field(
        default_factory=list, description="Look-alikes the route cannot tell apart, shown with the outcome.")
    note: Prose | None = None

    @model_validator(mode="after")
    def _question_or_outcome(self) -> FlowNode:
        targets = [t for t in (self.entity, self.differential, self.flow, self.red_flag) if t]
        if (self.question is None) == (self.outcome is None):
            raise ValueError("a node is either `question:` (with `answers:`) or `outcome:`, not both")
        if self.question is not None and (len(self.answers) < 2 or targets or self.consider):
            raise ValueError("a question needs at least two `answers:` (each `label:` and `to:`) "
                             "and no entity/differential/flow/red_flag/consider of its own")
        if self.outcome is not None and (self.answers or len(targets) != 1):
            raise ValueError("an outcome names exactly one of `entity:`, `differential:`, `flow:` or "
                             "`red_flag:` for the reader to go to, and has no answers")
        return self


class Flow(Strict):
    """A decision flow (diagram, words and step by step): one file in data/flows/."""

    id: Id | None = Field(default=None, description="Optional; must equal the file name.")
    title: Name
    summary: Prose
    order: int = Field(default=100, description="Position in the list of flows, smallest first.")
    # The red flags come first on the page: a reader who has one must not walk the flow at all.
    safety_net: list[RedFlag] = Field(
        min_length=1, description="Red flags that send the reader elsewhere, shown before the first question.")
    scope: Facts = Field(description="What every lesion the flow starts from has in common.")
    left_out: list[LeftOut] = Field(
        default_factory=list, description="Entities in scope that no route reaches, with the reason.")
    start: Id = Field(description="The node the reader starts at.")
    nodes: dict[Id, FlowNode] = Field(min_length=2)


class GlossaryTerm(Strict):
    """One term or abbreviation in data/glossary.yml (the term itself is the key)."""

    expansion: Tooltip | None = Field(
        default=None, description="For an abbreviation: its full form, shown as a tooltip.")
    definition: Prose | None = Field(default=None, description="What the term means.")
    entity: Id | None = Field(default=None, description="The entity page the term leads to.")
    differential: Id | None = Field(default=None, description="The list page the term leads to.")

    @model_validator(mode="after")
    def _says_something(self) -> GlossaryTerm:
        if not (self.expansion or self.definition):
            raise ValueError("a glossary term needs an `expansion:` (abbreviation) or a `definition:`")
        return self


class Glossary(Strict):
    """data/glossary.yml: every abbreviation and term, keyed by how it is written."""

    terms: dict[Annotated[Name, StringConstraints(max_length=80)], GlossaryTerm]


DataKind = Literal["entities", "differentials", "flows"]
