using Trellis.Rules;

namespace Trellis.Tests.Rules;

public class AssessorTests
{
    private static Requirement Req(Assessment a, string rule) =>
        a.Requirements.SingleOrDefault(r => r.Rule == rule) ?? throw new Xunit.Sdk.XunitException(
            $"no requirement {rule}; got: {string.Join(", ", a.Requirements.Select(r => r.Rule))}");

    private static readonly Lazy<Assessor> Bundled = new(() =>
    {
        var registry = Trellis.Registry.RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        return new Assessor(registry, RuleBook.Load(registry).GetValueOrThrow(), new FixedClock(Fixtures.Today));
    });

    /// <summary>
    /// Issue 13 §5: the US–Japan SOFA admits US forces into Japan only. A JMSDF destroyer at Pearl Harbor was told
    /// to notify the Japan Coast Guard; now the SOFA is skipped as the other direction and none of its rules fires.
    /// </summary>
    [Fact]
    public void Assess_JapaneseForcesIntoTheUnitedStates_DoNotGetTheUsJapanSofa()
    {
        var registry = Bundled.Value.Registry;
        var plan = Trellis.Rules.PlanLoader.Parse("""
            sendingState: JPN
            hostState: USA
            purpose: port-call
            start: 2027-03-01
            end: 2027-03-05
            sites: [Pearl Harbor]
            elements:
              - { id: destroyer, kind: vessel, count: 1, warship: true, armed: true }
              - { id: crew, kind: personnel, count: 250, category: member, documents: [passport, military-id, movement-order] }
              - { id: radios, kind: radio, count: 4 }
            """, "plan.yaml", registry).GetValueOrThrow();

        var a = Bundled.Value.Assess(plan);

        Assert.DoesNotContain(a.Instruments, i => i.Id == "jpn-usa-sofa");
        var skipped = Assert.Single(a.Skipped, s => s.Id == "jpn-usa-sofa");
        Assert.Equal("other-direction", skipped.Reason);
        Assert.Contains("into Japan only", skipped.Detail);
        Assert.DoesNotContain(a.Requirements, r => r.Instrument == "jpn-usa-sofa");
        Assert.DoesNotContain(a.Notes, n => n.Instrument == "jpn-usa-sofa");
        // Issue 14: the US federal baseline applies, every line cited; nothing asks for the Japan Coast Guard or Japan's MIC.
        Assert.Contains(a.Instruments, i => i.Id == "baseline-usa");
        Assert.DoesNotContain(a.Unknowns, u => u.Field == "baseline");
        Assert.Empty(Bundled.Value.CheckPlan(plan));
        Assert.All(a.Requirements, r => Assert.Equal("baseline-usa", r.Instrument));
        Assert.All(a.Requirements, r => Assert.False(string.IsNullOrEmpty(r.Basis.Url), r.Rule));
        Assert.DoesNotContain(a.Requirements, r => r.Authority.Contains("Japan Coast Guard", StringComparison.Ordinal) || r.Authority.Contains("Internal Affairs", StringComparison.Ordinal));
        var visa = Assert.Single(a.Requirements, r => r.Rule == "usa.entry.official-visa-japan");
        Assert.Equal(250, visa.Count);
        Assert.Equal(5, visa.LeadTime.WorkingDays);
        Assert.Contains(a.Notes, n => n.Rule == "usa.status.no-agreement-found");
    }

    /// <summary>
    /// Issue 14: the friction matrix of the bundled data has the United States as a fifth host — 5 × 4 ordered pairs — with
    /// the NATO SOFA and the AUKUS exemption for the UK, the counterpart VFA for the Philippines and nothing for Japan.
    /// </summary>
    [Fact]
    public void Friction_BundledData_HasFiveHostsWithTheUnitedStates()
    {
        var template = PlanLoader.LoadTemplate(Path.Combine(Repo.Data, RuleBook.ParametersFolder, FrictionMatrix.TemplateFile)).GetValueOrThrow();

        var rows = FrictionMatrix.Compute(Bundled.Value, template, new DateOnly(2027, 3, 1));

        Assert.Equal(20, rows.Count);
        Assert.Equal(["AUS", "GBR", "JPN", "PHL", "USA"], rows.Select(r => r.Host).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows.GroupBy(r => r.Host), g => Assert.Equal(4, g.Count()));
        var usa = rows.Where(r => r.Host == "USA").ToDictionary(r => r.Sending);
        Assert.Equal(["aukus", "nato-sofa"], usa["GBR"].Agreements.Order(StringComparer.Ordinal));
        Assert.Equal(["phl-usa-vfa-counterpart"], usa["PHL"].Agreements);
        Assert.Empty(usa["JPN"].Agreements);
        Assert.True(usa["GBR"].Filings < usa["GBR"].BaselineFilings, "the NATO SOFA removes the members' visas and inspections");
        Assert.True(usa["PHL"].Filings < usa["PHL"].BaselineFilings);
        Assert.Null(usa["JPN"].LongestLeadDays); // the DCAS and Navy lead times are unknown, never zero
    }

    /// <summary>
    /// Issue 13 §3: the Philippine constitution bars foreign troops except under a Senate-concurred treaty. Japanese
    /// troops outside the RAA get the prohibition; US troops, whose VFA is in force but not encoded, get an unknown
    /// naming the VFA — never a false "prohibited", never silence.
    /// </summary>
    [Theory]
    [InlineData("JPN", false, "prohibition", null)]
    [InlineData("JPN", true, "waived", null)]
    [InlineData("USA", true, "unknown", "phl-usa-vfa")]
    [InlineData("DEU", true, "prohibition", null)]
    public void Assess_ForeignTroopsInThePhilippines_NeedATreatyBasis(string sending, bool cooperative, string expected, string? treaty)
    {
        var registry = Bundled.Value.Registry;
        var plan = Trellis.Rules.PlanLoader.Parse($$"""
            sendingState: {{sending}}
            hostState: PHL
            purpose: exercise
            cooperativeActivity: {{(cooperative ? "true" : "false")}}
            start: 2027-03-01
            end: 2027-03-10
            elements:
              - { id: company, kind: personnel, count: 120, category: member, documents: [passport, military-id, movement-order] }
            """, "plan.yaml", registry).GetValueOrThrow();

        var a = Bundled.Value.Assess(plan);

        var prohibited = a.Prohibitions.Any(p => p.Rule == "phl.status.senate-treaty");
        var unknown = a.Unknowns.SingleOrDefault(u => u.Rule == "phl.status.senate-treaty");
        Assert.Equal(expected == "prohibition", prohibited);
        Assert.Equal(expected == "unknown", unknown is not null);
        if (treaty is not null)
        {
            Assert.Equal("treaty", unknown!.Field);
            Assert.Contains(treaty, unknown.Message);
        }

        if (expected == "waived")
        {
            Assert.Contains(a.Instruments, i => i.Id == "jpn-phl-raa");
        }
    }

    /// <summary>Issue 13 §4: an element's deadlines count from its own arrival; one requirement over several counts from the earliest.</summary>
    [Fact]
    public void Assess_ElementArrivingLater_CountsItsDeadlinesFromItsArrival()
    {
        var registry = Bundled.Value.Registry;
        ActivityPlan Plan(string carrierArrives, string escortArrives) => Trellis.Rules.PlanLoader.Parse($$"""
            sendingState: USA
            hostState: JPN
            purpose: port-call
            start: 2027-03-01
            end: 2027-03-20
            elements:
              - { id: carrier, kind: vessel, count: 1, nuclearPowered: true, at: yokosuka, arrives: {{carrierArrives}} }
              - { id: escort, kind: vessel, count: 1, nuclearPowered: true, at: sasebo, arrives: {{escortArrives}} }
            """, "plan.yaml", registry).GetValueOrThrow();

        var later = Bundled.Value.Assess(Plan("2027-03-10", "2027-03-12"));
        Assert.Equal(new DateOnly(2027, 3, 9), Req(later, "jpn-usa-sofa.vessel.nuclear-powered-notice").Deadline);

        var mixed = Bundled.Value.Assess(Plan("2027-03-10", "2027-03-01"));
        Assert.Equal(new DateOnly(2027, 2, 28), Req(mixed, "jpn-usa-sofa.vessel.nuclear-powered-notice").Deadline);
    }

    /// <summary>Issue 13 §4: the SOFA's 24-hour notice holds at the three ports only; elsewhere, or with no port, the baseline escalates.</summary>
    [Theory]
    [InlineData("at: yokosuka", "jpn-usa-sofa.vessel.nuclear-powered-notice")]
    [InlineData("at: White Beach", "jpn-usa-sofa.vessel.nuclear-powered-notice")]
    [InlineData("at: Kure", "jpn.vessel.nuclear-powered")]
    [InlineData("portCalls: 1", "jpn.vessel.nuclear-powered")]
    public void Assess_UsNuclearPoweredShip_GetsTheSofaNoticeOnlyAtItsThreePorts(string place, string expected)
    {
        var registry = Bundled.Value.Registry;
        var plan = Trellis.Rules.PlanLoader.Parse($$"""
            sendingState: USA
            hostState: JPN
            purpose: port-call
            start: 2027-03-01
            end: 2027-03-05
            elements:
              - { id: submarine, kind: vessel, count: 1, nuclearPowered: true, {{place}} }
            """, "plan.yaml", registry).GetValueOrThrow();

        var a = Bundled.Value.Assess(plan);

        var npw = Assert.Single(a.Requirements, r => r.Rule is "jpn-usa-sofa.vessel.nuclear-powered-notice" or "jpn.vessel.nuclear-powered");
        Assert.Equal(expected, npw.Rule);
    }

    [Fact]
    public void Assess_UsForcesIntoJapan_StillGetTheUsJapanSofa()
    {
        var registry = Bundled.Value.Registry;
        var plan = Trellis.Rules.PlanLoader.Parse("""
            sendingState: USA
            hostState: JPN
            purpose: port-call
            start: 2027-03-01
            end: 2027-03-05
            elements:
              - { id: destroyer, kind: vessel, count: 1, warship: true, armed: true }
            """, "plan.yaml", registry).GetValueOrThrow();

        var a = Bundled.Value.Assess(plan);

        Assert.Contains(a.Instruments, i => i.Id == "jpn-usa-sofa");
        Assert.Contains(a.Requirements, r => r.Rule == "jpn-usa-sofa.vessel.advance-notice");
    }

    [Fact]
    public void Assess_FixturePlan_AppliesBaselineAndAgreementWithBasis()
    {
        var plan = Trellis.Rules.PlanLoader.Load(Fixtures.PlanFile("gbr-exercise.yaml"), Fixtures.Registry).GetValueOrThrow();
        var a = Fixtures.Assessor.Assess(plan);

        Assert.Equal(["baseline-jpn", "gbr-jpn-raa"], a.Instruments.Select(i => i.Id));
        Assert.Contains(a.Skipped, s => s.Id == "gbr-jpn-logistics" && s.Reason == "no-rules");
        Assert.All(a.Requirements, r => Assert.StartsWith("http", r.Basis.Url));
        Assert.Equal(9, Req(a, "jpn.entry.visa").Count);
        Assert.Equal(["no-orders", "families"], Req(a, "jpn.entry.visa").Elements);
        Assert.Contains(a.Displaced, d => d.Rule == "jpn.entry.visa" && d.DisplacedBy == "gbr-jpn-raa.entry.visa-exemption" && d.Count == 300);
        Assert.Empty(a.Prohibitions);
        Assert.Contains(a.Notes, n => n.Rule == "gbr-jpn-raa.scope.dependants");
    }

    [Fact]
    public void Assess_Multiplicities_ExpandPerFlightPerPortCallPerItemAndPerPlan()
    {
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01",
            "{ id: jets, kind: aircraft, count: 4, entries: 3 }",
            "{ id: tankers, kind: aircraft, count: 1 }",
            "{ id: ships, kind: vessel, count: 2, portCalls: 3 }",
            "{ id: radios, kind: radio, count: 12 }",
            "{ id: silent, kind: radio, count: 5, transmits: false }",
            "{ id: rifles, kind: weapon, count: 50 }",
            "{ id: pistols, kind: weapon, count: 10 }"));

        Assert.Equal(13, Req(a, "gbr-jpn-raa.aircraft.clearance").Count);
        Assert.Equal(6, Req(a, "jpn.vessel.port-entry").Count);
        Assert.Equal(12, Req(a, "jpn.radio.licence").Count);
        Assert.Equal(1, Req(a, "gbr-jpn-raa.weapons.carriage").Count);
        Assert.Equal(6000m, Req(a, "jpn.vessel.port-entry").Fee!.Total);
        Assert.Equal([new FeeTotal("JPY", 6000m)], a.Summary.Fees);
        Assert.Equal(a.Requirements.Sum(r => r.Count), a.Summary.Filings);
    }

    [Fact]
    public void Assess_DisplacementPerElement_KeepsRequirementForElementsTheWaiverDoesNotMatch()
    {
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01",
            "{ id: ok, kind: personnel, count: 100, category: member, documents: [military-id, movement-order] }",
            "{ id: civ, kind: personnel, count: 7, category: civilian-component, documents: [passport, military-id, movement-order] }",
            "{ id: contractors, kind: personnel, count: 3, category: contractor, documents: [passport, military-id, movement-order] }",
            "{ id: no-id, kind: personnel, count: 2, category: member, documents: [passport, movement-order] }"));

        var visa = Req(a, "jpn.entry.visa");
        Assert.Equal(5, visa.Count);
        Assert.Equal(["contractors", "no-id"], visa.Elements);
        var displaced = Assert.Single(a.Displaced);
        Assert.Equal(["ok", "civ"], displaced.Elements);
        Assert.Equal(107, displaced.Count);
    }

    [Fact]
    public void Assess_LowerLayerProhibition_IsDisplacedByReplacement()
    {
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01", "{ id: rifles, kind: weapon, count: 20 }"));
        Assert.Empty(a.Prohibitions);
        var d = Assert.Single(a.Displaced);
        Assert.Equal(("jpn.weapons.possession", "prohibition", "gbr-jpn-raa.weapons.carriage", "replace"), (d.Rule, d.Kind, d.DisplacedBy, d.How));
        Assert.Equal(["jpn.weapons.possession"], Req(a, "gbr-jpn-raa.weapons.carriage").Replaces);
    }

    [Fact]
    public void Assess_WorkingDays_SkipWeekendsAndHolidays()
    {
        // 2027-02-15 is a Monday. Five working days back: Fri 12, Thu 11 is a holiday, Wed 10, Tue 9, Mon 8, Fri 5.
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-02-15", "{ id: ship, kind: vessel, count: 1 }"));
        var r = Req(a, "jpn.vessel.port-entry");
        Assert.Equal(new DateOnly(2027, 2, 5), r.Deadline);
        Assert.Equal(10, r.LeadDays);
        Assert.Equal(5, r.LeadTime.WorkingDays);
        Assert.DoesNotContain(a.Assumptions, x => x.Name.StartsWith("holidays.", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_WorkingDaysInYearWithoutHolidays_SaysOnlyWeekendsWereSkipped()
    {
        // 2028-03-06 is a Monday; no JPN holidays are recorded for 2028.
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2028-03-06", "{ id: ship, kind: vessel, count: 1 }"));
        Assert.Equal(new DateOnly(2028, 2, 28), Req(a, "jpn.vessel.port-entry").Deadline);
        var x = Assert.Single(a.Assumptions, x => x.Name == "holidays.JPN");
        Assert.Contains("2028", x.Label);
    }

    [Fact]
    public void Assess_HostWithoutHolidayFile_CountsWeekendsOnly()
    {
        // JPN forces in the UK: the GBR fixture has no holidays file. 2027-03-01 is a Monday; 3 working days back is Wed 2027-02-24.
        var plan = Fixtures.Plan("""
            sendingState: JPN
            hostState: GBR
            purpose: training
            start: 2027-03-01
            end: 2027-03-02
            elements:
              - { id: p1, kind: aircraft, count: 1 }
            """);
        var a = Fixtures.Assessor.Assess(plan);
        Assert.Equal(new DateOnly(2027, 2, 24), Req(a, "gbr.aircraft.diplomatic-flight-clearance").Deadline);
        Assert.Equal(new DateOnly(2027, 2, 24), a.Summary.LatestSafeSubmission);
    }

    [Fact]
    public void Assess_UnknownLeadTime_IsReportedAsUnknownNeverZero()
    {
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01", "{ id: radios, kind: radio, count: 2 }"));
        var r = Req(a, "jpn.radio.licence");
        Assert.True(r.LeadTime.Unknown);
        Assert.Null(r.Deadline);
        Assert.Null(r.LeadDays);
        Assert.Null(a.Summary.LongestLeadDays);
        Assert.Null(a.Summary.LatestSafeSubmission);
        var u = Assert.Single(a.Unknowns);
        Assert.Equal(("jpn.radio.licence", "leadTime"), (u.Rule, u.Field));
        Assert.Equal(1, a.Summary.Unknowns);
    }

    [Fact]
    public void Assess_ParameterLeadTime_IsAppliedAndShownAsAssumption()
    {
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01", "{ id: jets, kind: aircraft, count: 1 }"));
        var r = Req(a, "gbr-jpn-raa.aircraft.clearance");
        Assert.Equal("raa.clearance-lead-time", r.LeadTime.Parameter);
        Assert.Equal(7, r.LeadTime.Days);
        Assert.Equal(new DateOnly(2027, 2, 22), r.Deadline);
        var x = Assert.Single(a.Assumptions);
        Assert.Equal(("raa.clearance-lead-time", "7 days"), (x.Name, x.Value));
        Assert.Equal(["gbr-jpn-raa.aircraft.clearance"], x.Rules);
    }

    [Fact]
    public void Assess_OverriddenParameter_ChangesDeadlineAndNamesTheFile()
    {
        using var data = new RulesData();
        var file = Path.Combine(data.Root, "org.yaml");
        File.WriteAllText(file, """
            parameters:
              - name: raa.clearance-lead-time
                label: Our staff plan 21 days for clearances
                leadTime: { days: 21 }
                basis: J5 planning guide
            """);
        var parameters = Fixtures.Book.Parameters.WithOverrides(file).GetValueOrThrow();
        var book = Fixtures.Book.WithParameters(Fixtures.Registry, parameters).GetValueOrThrow();
        var a = new Assessor(Fixtures.Registry, book).Assess(Fixtures.GbrInJapan("2027-03-01", "{ id: jets, kind: aircraft, count: 1 }"));

        Assert.Equal(new DateOnly(2027, 2, 8), Req(a, "gbr-jpn-raa.aircraft.clearance").Deadline);
        var x = Assert.Single(a.Assumptions);
        Assert.Equal("21 days", x.Value);
        Assert.EndsWith("org.yaml", x.Source);
    }

    [Fact]
    public void Assess_RequirementOnAParameter_IsNoMoreConfidentThanTheAssumption()
    {
        // The rule is medium; the bundled parameter says no confidence, so it is a low assumption.
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01", "{ id: jets, kind: aircraft, count: 1 }"), new AssessOptions { Explain = true });
        Assert.Equal("low", Req(a, "gbr-jpn-raa.aircraft.clearance").Confidence);
        Assert.Equal("low", Assert.Single(a.Assumptions).Confidence);
        Assert.Contains("low confidence]", AssessmentExports.Markdown(a).Replace(")", "]", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(Explanation.Of(a, Req(a, "gbr-jpn-raa.aircraft.clearance"))?.Caveats ?? [], c => c.StartsWith("low confidence, below the rule's medium", StringComparison.Ordinal));

        using var data = new RulesData();
        var file = Path.Combine(data.Root, "org.yaml");
        File.WriteAllText(file, """
            parameters:
              - name: raa.clearance-lead-time
                label: Agreed with the host's staff for this exercise
                leadTime: { days: 14 }
                basis: exchange of letters
                confidence: high
            """);
        var parameters = Fixtures.Book.Parameters.WithOverrides(file).GetValueOrThrow();
        var book = Fixtures.Book.WithParameters(Fixtures.Registry, parameters).GetValueOrThrow();
        var b = new Assessor(Fixtures.Registry, book).Assess(Fixtures.GbrInJapan("2027-03-01", "{ id: jets, kind: aircraft, count: 1 }"));

        // A high assumption does not raise a medium rule.
        Assert.Equal("medium", Req(b, "gbr-jpn-raa.aircraft.clearance").Confidence);
    }

    [Fact]
    public void Parameters_UnknownConfidence_IsAnErrorNamingTheLine()
    {
        using var data = new RulesData();
        var file = Path.Combine(data.Root, "org.yaml");
        File.WriteAllText(file, """
            parameters:
              - name: raa.clearance-lead-time
                label: Ours
                leadTime: { days: 14 }
                basis: J5 guide
                confidence: certain
            """);
        var result = Fixtures.Book.Parameters.WithOverrides(file);

        var d = Assert.Single(result.Diagnostics, d => d.Severity == Trellis.Diagnostics.Severity.Error);
        Assert.Equal(6, d.Line);
        Assert.Contains("certain", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_AsOfBeforeEntryIntoForce_EqualsWithoutTheAgreement()
    {
        var plan = Trellis.Rules.PlanLoader.Load(Fixtures.PlanFile("gbr-exercise.yaml"), Fixtures.Registry).GetValueOrThrow();
        var asOf = Fixtures.Assessor.Assess(plan, new AssessOptions { AsOf = new DateOnly(2022, 11, 4) });
        var without = Fixtures.Assessor.Assess(plan, new AssessOptions { Without = ["gbr-jpn-raa"] });
        var with = Fixtures.Assessor.Assess(plan);

        Assert.Equal(Json.Serialize(without.Requirements), Json.Serialize(asOf.Requirements));
        Assert.Equal(Json.Serialize(without.Prohibitions), Json.Serialize(asOf.Prohibitions));
        Assert.Equal(Json.Serialize(without.Summary), Json.Serialize(asOf.Summary));
        Assert.NotEqual(with.Summary.Filings, without.Summary.Filings);
        Assert.Contains(asOf.Skipped, s => s.Id == "gbr-jpn-raa" && s.Reason == "not-in-force");
        Assert.Contains(without.Skipped, s => s.Id == "gbr-jpn-raa" && s.Reason == "switched-off");
    }

    [Fact]
    public void Assess_NotACooperativeActivity_AppliesBaselineOnly()
    {
        var plan = Fixtures.Plan("""
            sendingState: GBR
            hostState: JPN
            purpose: exercise
            start: 2027-03-01
            end: 2027-03-01
            elements:
              - { id: team, kind: personnel, count: 3, category: member, documents: [military-id, movement-order] }
            """);
        var a = Fixtures.Assessor.Assess(plan);
        Assert.Equal(["baseline-jpn"], a.Instruments.Select(i => i.Id));
        Assert.Contains(a.Skipped, s => s.Id == "gbr-jpn-raa" && s.Reason == "not-applicable");
        Assert.Equal(3, Req(a, "jpn.entry.visa").Count);
    }

    [Fact]
    public void Compare_WithAgreement_ReportsBaselineAndDeltaIncludingItemsProhibitedWithout()
    {
        var plan = Trellis.Rules.PlanLoader.Load(Fixtures.PlanFile("gbr-exercise.yaml"), Fixtures.Registry).GetValueOrThrow();
        var a = Fixtures.Assessor.Compare(plan);

        Assert.NotNull(a.Baseline);
        Assert.NotNull(a.Delta);
        Assert.True(a.Baseline!.Filings > a.Summary.Filings);
        Assert.Equal(a.Summary.Filings - a.Baseline.Filings, a.Delta!.Filings);
        Assert.Equal("jpn.weapons.possession", Assert.Single(a.Delta.ProhibitedWithout).Rule);
        Assert.Contains("gbr-jpn-raa.aircraft.clearance", a.Delta.Added);
        Assert.Contains("jpn.aircraft.state-aircraft-permit", a.Delta.Removed);
    }

    [Fact]
    public void Assess_WithoutUnknownAgreement_ThrowsDiagnosticNamingTheOption()
    {
        var plan = Fixtures.GbrInJapan("2027-03-01");
        var ex = Assert.Throws<Trellis.Diagnostics.DiagnosticException>(() =>
            Fixtures.Assessor.Assess(plan, new AssessOptions { Without = ["gbr-jpn-raaa"] }));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(Trellis.Diagnostics.DiagnosticCodes.UnknownAgreement, d.Code);
        Assert.Equal("--without", d.File);
        Assert.Contains("gbr-jpn-raa", d.Message);
    }

    [Fact]
    public void Assess_HostWithoutBaseline_ReportsTheBaselineAsUnknown()
    {
        var plan = Fixtures.Plan("""
            sendingState: GBR
            hostState: FRA
            purpose: exercise
            start: 2027-03-01
            end: 2027-03-01
            elements: []
            """);
        var a = Fixtures.Assessor.Assess(plan);
        Assert.Empty(a.Requirements);
        Assert.Equal(("baseline-fra", "baseline"), (Assert.Single(a.Unknowns).Rule, a.Unknowns[0].Field));
    }

    [Fact]
    public void Assess_HypotheticalAgreement_AppliesItsRulesAsIfInForce()
    {
        var folder = Path.Combine(Fixtures.Root, "hypothetical", "fra-jpn-raa");
        var agreement = Trellis.Registry.RegistryLoader.LoadHypothetical(folder, Fixtures.Registry).GetValueOrThrow();
        var registry = Fixtures.Registry.With([agreement]);
        var book = Fixtures.Book.WithAgreements(registry, [agreement]).GetValueOrThrow();
        var plan = Fixtures.Plan("""
            sendingState: FRA
            hostState: JPN
            purpose: exercise
            cooperativeActivity: true
            start: 2027-03-01
            end: 2027-03-01
            elements:
              - { id: team, kind: personnel, count: 8, category: member }
            """);

        var a = new Assessor(registry, book).Compare(plan);
        Assert.Contains(a.Instruments, i => i.Id == "fra-jpn-raa" && i.Hypothetical);
        Assert.DoesNotContain(a.Requirements, r => r.Rule == "jpn.entry.visa");
        Assert.Equal(-8, a.Delta!.Filings);
    }

    [Fact]
    public void Assess_ExplainTrace_RendersConsideredMatchedAndDisplacedRules()
    {
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01",
            "{ id: ok, kind: personnel, count: 10, category: member, documents: [military-id, movement-order] }",
            "{ id: kids, kind: personnel, count: 2, category: dependant }"), new AssessOptions { Explain = true });
        var text = Explanation.Render(a);

        Assert.Contains("[baseline-jpn] jpn.entry.visa: Visa for each person entering Japan", text);
        Assert.Contains("  matched: ok (10), kids (2)", text);
        Assert.Contains("  displaced by gbr-jpn-raa.entry.visa-exemption for ok", text);
        Assert.Contains("  not matched: kids (category is dependant; needs member or civilian-component)", text);
        Assert.Contains("  not applicable: no aircraft element in the plan", text);
        Assert.Contains("=> requires 2 × permit (person) from Immigration Services Agency; deadline 2027-01-30 (30 days)", text);
    }

    [Fact]
    public void Assess_RimpacScale_TwentyNinePlansOfAThousandGroups_RunsFast()
    {
        var assessor = Fixtures.Assessor;
        var elements = Enumerable.Range(0, 1000).Select(i => (i % 5) switch
        {
            0 => new PlanElement($"p{i}", ElementKind.Personnel, 40) { Category = "member", Documents = TravelDocuments.MilitaryId | TravelDocuments.MovementOrder },
            1 => new PlanElement($"a{i}", ElementKind.Aircraft, 2) { Entries = 3 },
            2 => new PlanElement($"v{i}", ElementKind.Vessel, 1) { PortCalls = 2 },
            3 => new PlanElement($"w{i}", ElementKind.Weapon, 30) { Category = "small-arms" },
            _ => new PlanElement($"r{i}", ElementKind.Radio, 4),
        }).ToArray();
        var plans = Enumerable.Range(0, 29).Select(_ => new ActivityPlan("GBR", "JPN", Purpose.Exercise, new DateOnly(2027, 6, 1), new DateOnly(2027, 7, 31), elements)
        {
            CooperativeActivity = true,
        }).ToArray();
        foreach (var p in plans.Take(3))
        {
            assessor.Assess(p);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        long filings = 0;
        foreach (var p in plans)
        {
            filings += assessor.Assess(p).Summary.Filings;
        }

        watch.Stop();
        Assert.True(filings > 0);
        // The promise is < 50 ms on one core (benchmarked in bench/); here a loose bound that shared CI machines keep.
        Assert.True(watch.ElapsedMilliseconds < 500, $"29 × 1,000 groups took {watch.ElapsedMilliseconds} ms");
    }
}
