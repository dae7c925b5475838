namespace Trellis.Diagnostics;

/// <summary>
/// The one catalogue of diagnostic codes. Codes are stable: a code is never reused for
/// another meaning. <c>docs/diagnostics.md</c> lists them with how to fix each.
/// TRL0xx: files and the registry; TRL1xx: access rules; TRL2xx: activity plans;
/// TRL3xx: network sources and importers; TRL4xx: geography; TRL5xx: logistics terms and the ledger; TRL6xx: accounts and organisations; TRL9xx: command-line options.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The file is not well-formed YAML.</summary>
    public const string YamlSyntax = "TRL001";
    /// <summary>A field that the format does not have (often a typo).</summary>
    public const string UnknownField = "TRL002";
    /// <summary>A required field is missing.</summary>
    public const string MissingField = "TRL003";
    /// <summary>A value has the wrong shape (a list where text is expected, a word where a number is).</summary>
    public const string InvalidValue = "TRL004";
    /// <summary>A file or folder the registry needs is missing or cannot be read.</summary>
    public const string MissingFile = "TRL005";
    /// <summary>A field is given twice in the same mapping.</summary>
    public const string DuplicateField = "TRL006";
    /// <summary>A data file that is not valid UTF-8 (reported at the line of the first bad byte).</summary>
    public const string NotUtf8 = "TRL007";
    /// <summary>
    /// A folder where a file is expected (a folder named <c>rules.yaml</c>), a file where a folder is expected,
    /// or a path that is not a regular file (a named pipe, a device, a socket).
    /// </summary>
    public const string NotARegularFile = "TRL008";
    /// <summary>A data file larger than the limit (<see cref="Registry.DataFile.MaxBytes"/>).</summary>
    public const string FileTooLarge = "TRL009";

    /// <summary>A state code that is not in <c>data/states/states.yaml</c>.</summary>
    public const string UnknownState = "TRL010";
    /// <summary>Two entries share an id (or two states a name, or one agreement's rules are given twice); the message names both places.</summary>
    public const string DuplicateId = "TRL011";
    /// <summary>An agreement's id differs from its folder name.</summary>
    public const string IdFolderMismatch = "TRL012";
    /// <summary>An id does not follow the naming convention.</summary>
    public const string IdConvention = "TRL013";
    /// <summary>An agreement type outside the closed vocabulary.</summary>
    public const string UnknownType = "TRL014";
    /// <summary>A reference to an agreement that is not in the registry.</summary>
    public const string UnknownAgreement = "TRL015";
    /// <summary>A value outside its closed vocabulary (kind, region, frequency...).</summary>
    public const string UnknownVocabulary = "TRL016";
    /// <summary>An agreement with fewer than two parties, or a party listed twice.</summary>
    public const string BadParties = "TRL017";
    /// <summary>
    /// A <c>visitingForces</c> entry that is not a party or is listed twice, an empty <c>visitingForces</c>, or a
    /// facility user under an agreement that does not admit that state's forces.
    /// </summary>
    public const string BadVisitingForces = "TRL018";

    /// <summary>A date that is malformed or does not exist (2023-02-30).</summary>
    public const string InvalidDate = "TRL020";
    /// <summary>Entry into force before signature.</summary>
    public const string InForceBeforeSignature = "TRL021";
    /// <summary>End before entry into force (or before signature).</summary>
    public const string EndedBeforeInForce = "TRL022";
    /// <summary>Neither signature nor start of negotiations is given.</summary>
    public const string NoDates = "TRL023";
    /// <summary>An end date before a start date (exercise editions, plans, logistics terms entries).</summary>
    public const string EndBeforeStart = "TRL024";
    /// <summary>A plan date or as-of date outside the supported range (<see cref="Registry.SupportedDates.Range"/>).</summary>
    public const string DateOutOfRange = "TRL025";

    /// <summary>No source URL.</summary>
    public const string MissingSource = "TRL030";
    /// <summary>No confidence.</summary>
    public const string MissingConfidence = "TRL031";
    /// <summary>A source URL that is not an absolute http(s) URL.</summary>
    public const string InvalidUrl = "TRL032";

    /// <summary>A latitude or longitude out of range.</summary>
    public const string InvalidCoordinate = "TRL040";

    /// <summary>A command-line option, or a web request parameter, with a value that cannot be used.</summary>
    public const string InvalidOption = "TRL900";
    /// <summary>An id named on the command line that does not exist.</summary>
    public const string UnknownId = "TRL901";
    /// <summary>An output folder or file named on the command line that cannot be created or written.</summary>
    public const string OutputNotWritable = "TRL902";

    // Access rules (TRL1xx) and activity plans (TRL2xx): docs/rules-format.md.
    /// <summary>A rule id that does not start with its layer's prefix (<c>jpn.</c>, <c>gbr-jpn-raa.</c>) or is not lower-case words.</summary>
    public const string RuleIdConvention = "TRL101";
    /// <summary>Two rules share an id.</summary>
    public const string DuplicateRuleId = "TRL102";
    /// <summary>A rule file's <c>instrument</c> does not match its folder (agreement id, or baseline-&lt;iso3&gt;).</summary>
    public const string LayerMismatch = "TRL103";
    /// <summary>A rule waives or replaces a rule id that no layer defines.</summary>
    public const string UnknownDisplacedRule = "TRL104";
    /// <summary>A rule displaces a rule that is not of a lower layer.</summary>
    public const string DisplacementNotLower = "TRL105";
    /// <summary>Two rules displace the same rule with no order between them.</summary>
    public const string UnorderedConflict = "TRL106";
    /// <summary>A rule condition that none of the rule's kinds has, or element conditions without <c>kind</c>.</summary>
    public const string ConditionNotApplicable = "TRL107";
    /// <summary>A multiplicity (<c>per</c>) that does not fit the rule's kinds.</summary>
    public const string MultiplicityMismatch = "TRL108";
    /// <summary><c>prevails</c> naming an unknown agreement, or layers that prevail over each other in a cycle.</summary>
    public const string BadPrevails = "TRL109";
    /// <summary>A lead time naming a planning parameter that is not defined.</summary>
    public const string UnknownParameter = "TRL110";
    /// <summary>A planning parameter defined twice.</summary>
    public const string DuplicateParameter = "TRL111";
    /// <summary>A <c>--parameters</c> file overriding a parameter that is not bundled.</summary>
    public const string UnknownParameterOverride = "TRL112";
    /// <summary>A rule with no effect, or more than one of require, waive, replace, prohibit, inform.</summary>
    public const string EffectCount = "TRL113";
    /// <summary>A rule whose citation has no URL and whose layer has none either.</summary>
    public const string MissingCitationUrl = "TRL114";
    /// <summary>A worked example that cannot run (no plan, unknown rule or agreement named).</summary>
    public const string InvalidExample = "TRL115";
    /// <summary>A rule whose <c>validUntil</c> is not after its <c>validFrom</c>.</summary>
    public const string ValidityOrder = "TRL116";
    /// <summary>
    /// An agreement rule layer's <c>hosts</c> naming a state that is not a party, a party listed twice, a party
    /// into which the agreement admits no other party's forces (its <c>visitingForces</c>), or <c>hosts</c> in a baseline.
    /// </summary>
    public const string BadLayerHost = "TRL117";
    /// <summary>An unknown element kind in a plan.</summary>
    public const string UnknownElementKind = "TRL201";
    /// <summary>A plan element field that its kind does not have.</summary>
    public const string FieldNotForKind = "TRL202";
    /// <summary>A negative count or quantity in a plan.</summary>
    public const string NegativeCount = "TRL203";
    /// <summary>A count over the sanity limit (10,000,000), usually a typo.</summary>
    public const string OverSanityLimit = "TRL204";
    /// <summary>Two plan elements share an id.</summary>
    public const string DuplicateElementId = "TRL205";
    /// <summary>A plan whose sending state is its host state.</summary>
    public const string SameSendingAndHost = "TRL206";
    /// <summary>A friction template with states or dates, or a plan with <c>durationDays</c>.</summary>
    public const string TemplateMismatch = "TRL207";
    /// <summary>Counts × multiplicities (or their sums, or a fee total) that do not fit in a 64-bit number; names the element or requirement.</summary>
    public const string CountOverflow = "TRL208";
    /// <summary>A plan whose host state has no baseline: nothing can be assessed (the message lists the agreements in force between the two states).</summary>
    public const string NoBaseline = "TRL209";
    /// <summary>An element's <c>arrives</c> before the plan's <c>start</c> or after its <c>end</c>.</summary>
    public const string ArrivalOutsideStay = "TRL210";
    /// <summary>An element's <c>at</c> naming a facility of a state other than the plan's host.</summary>
    public const string PlaceInAnotherState = "TRL211";
    /// <summary>A plan with both <c>cooperativeActivity: true</c> and <c>unitedNationsCommand: true</c> (the RAAs and the UN-SOFA are kept apart).</summary>
    public const string UnitedNationsAndCooperative = "TRL212";

    // Exercises as events (docs/exercises.md).
    /// <summary>An exercise event's plan given for a state that sends no forces to it: not a participant, or the state the event is held in (its own forces are at home).</summary>
    public const string EventPlanNotForSending = "TRL213";
    /// <summary>An exercise event's plan whose <c>sendingState</c> is not the state it is given for, or whose <c>hostState</c> is not the state the event is held in.</summary>
    public const string EventPlanMismatch = "TRL214";
    /// <summary>An exercise edition without exact start and end dates (missing, or only a month or year): it cannot be assessed as an event.</summary>
    public const string EditionDatesUnknown = "TRL215";
    /// <summary>An event's <c>heldIn</c> (or <c>--held-in</c>) naming a state that is not one of its hosts.</summary>
    public const string HeldInNotAHost = "TRL216";
    /// <summary>An exercise event's plan whose days do not overlap the event's (warning).</summary>
    public const string PlanOutsideEvent = "TRL217";
    /// <summary>An event with several hosts and no <c>heldIn</c>: it is assessed in the first host (warning).</summary>
    public const string HeldInAssumed = "TRL218";

    /// <summary>A <c>--source</c> that is not <c>registry</c>, <c>atop:FILE</c>, <c>cow:FILE</c>, <c>dcad:FILE</c>, <c>mme:FILE</c> or <c>csv:FILE</c>.</summary>
    public const string UnknownSource = "TRL300";
    /// <summary>A dataset file lacks a column its format needs.</summary>
    public const string MissingColumn = "TRL301";
    /// <summary>A dataset file has a column its format does not have, or is a different file of the dataset.</summary>
    public const string UnexpectedColumn = "TRL302";
    /// <summary>A dataset cell that cannot be read (a year that is not a number).</summary>
    public const string InvalidCell = "TRL303";
    /// <summary>A COW state code with no ISO3 in the states table; kept as its own node <c>COW:ccode</c> (warning).</summary>
    public const string UnmappedCode = "TRL304";
    /// <summary>A date outside the years a dataset covers (warning).</summary>
    public const string OutsideCoverage = "TRL305";
    /// <summary>A <c>--flags</c> value the dataset does not have.</summary>
    public const string UnknownFlag = "TRL306";
    /// <summary>A metric name that does not exist, or one that does not fit the command.</summary>
    public const string UnknownMetric = "TRL307";
    /// <summary>A node without coordinates, left out of a GeoJSON export (warning).</summary>
    public const string NoCoordinates = "TRL308";
    /// <summary>An exercise participant that maps to no state: a name not in the reviewed table, one reviewed as not a state, or the missing-value code <c>-9</c>; its pairs are left out, with its count and lines (warning).</summary>
    public const string UnmappedName = "TRL309";
    /// <summary>A row of the reviewed name table (<c>data/datasets/mme-country-names.tsv</c>) that cannot be read, repeats a name or names a state the states table lacks.</summary>
    public const string InvalidNameTable = "TRL310";

    // Geography (TRL4xx): docs/geography.md.
    /// <summary>A reach query's latitude, longitude or radius out of range (radius: more than 0, at most 20,037.5 km).</summary>
    public const string GeoOutOfRange = "TRL400";

    // Logistics terms (TRL5xx): docs/logistics.md.
    /// <summary>A <c>logistics.yaml</c> beside an agreement whose type is not <c>logistics</c>.</summary>
    public const string TermsNotLogistics = "TRL500";
    /// <summary>A <c>logistics.yaml</c> whose <c>agreement</c> (or a supplier file whose <c>state</c>) differs from its folder.</summary>
    public const string TermsFolderMismatch = "TRL501";
    /// <summary>A category, situation, settlement method, line kind or time-limit anchor outside the logistics vocabulary.</summary>
    public const string UnknownLogisticsTerm = "TRL502";
    /// <summary>A category of the vocabulary that a <c>logistics.yaml</c> does not address (covered, excluded or <c>unknown: true</c>).</summary>
    public const string CategoryNotAddressed = "TRL503";
    /// <summary>Two entries for one category (or one method and line kind) that certainly overlap in time and say different things.</summary>
    public const string ConflictingTerms = "TRL504";
    /// <summary>An entry that is not exactly one of known (<c>covered</c>, a value) or <c>unknown: true</c>, or <c>onlyIn</c> on an entry that covers nothing.</summary>
    public const string AmbiguousTerm = "TRL505";

    // The ledger (TRL51x–52x): orders checked at entry and their lifecycle; docs/logistics.md#ledger.
    /// <summary>An order without one of its minimum data elements (the field is named).</summary>
    public const string OrderElementMissing = "TRL510";
    /// <summary>The governing agreement does not exist, is not a logistics agreement, is not between the two states, or is not in force on the order date.</summary>
    public const string AgreementNotGoverning = "TRL511";
    /// <summary>A line whose category the agreement (or the supplying state's own law) excludes on the order date; the message cites the entry.</summary>
    public const string CategoryExcluded = "TRL512";
    /// <summary>A line whose coverage no source gives (warning): the order is accepted, flagged for a legal adviser, and cannot settle until cleared.</summary>
    public const string CategoryCoverageUnknown = "TRL513";
    /// <summary>A settlement method the agreement does not allow for the line's kind (goods or services) on the order date.</summary>
    public const string SettlementNotAllowed = "TRL514";
    /// <summary>A situation the agreement's complete list of situations does not include on the order date.</summary>
    public const string SituationNotCovered = "TRL515";
    /// <summary>A category the agreement covers only in other situations than the order's (ammunition under the Japan–US ACSA, 2004–2017).</summary>
    public const string CategoryNotInSituation = "TRL516";
    /// <summary>A situation whose coverage no source gives (warning): flagged for a legal adviser, as TRL513.</summary>
    public const string SituationCoverageUnknown = "TRL517";
    /// <summary>Settlement methods or time limits no source gives for the agreement (warning): flagged for a legal adviser, as TRL513.</summary>
    public const string SettlementUnknown = "TRL518";
    /// <summary>A currency outside the ledger's table of ISO 4217 currencies.</summary>
    public const string CurrencyNotSupported = "TRL519";
    /// <summary>A value an order cannot have: a quantity not above zero, a negative price, an amount too large, the same state on both sides, an unknown exercise.</summary>
    public const string InvalidOrderValue = "TRL520";
    /// <summary>A move the order lifecycle does not have from the order's status, or one its settlement method rules out (invoice for replacement in kind).</summary>
    public const string MoveNotInLifecycle = "TRL521";
    /// <summary>An order flagged for legal review cannot settle until a legal adviser clears the flag.</summary>
    public const string ReviewPending = "TRL522";
    /// <summary>A delivery of more than is still to deliver on a line, or of nothing.</summary>
    public const string DeliveryExceedsOrder = "TRL523";
    /// <summary>No exchange rate between the two currencies dated on or before the day.</summary>
    public const string ExchangeRateMissing = "TRL524";

    // Accounts and organisations (TRL6xx): docs/cases.md.
    /// <summary>A role name that is not one of the roles (<c>planner</c>, <c>approver</c>, …).</summary>
    public const string UnknownRole = "TRL600";
    /// <summary>A password the password policy refuses (too short, too few different characters).</summary>
    public const string WeakPassword = "TRL601";
    /// <summary>An e-mail address, organisation name, token name or authority mapping already taken.</summary>
    public const string AlreadyExists = "TRL602";
    /// <summary>A value an account cannot have (a malformed e-mail address, an empty name).</summary>
    public const string InvalidAccountValue = "TRL603";

    // Cases and filings (TRL7xx): docs/cases.md.
    /// <summary>The audit log's hash chain is broken: a row was changed, deleted or inserted after it was written (<c>admin audit verify</c>).</summary>
    public const string AuditChainBroken = "TRL700";
}
