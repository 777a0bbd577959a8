using SecComms.Core.Incidents;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Policy;

namespace SecComms.Core.Tests.Incidents;

/// <summary>The default policy's engagement rules and clock rules, read against incidents as they stand.</summary>
public sealed class IncidentPlanTests
{
    private static readonly IncidentRules Rules = PolicyLoader.LoadDefault().Incidents;
    private static readonly DateTimeOffset Aware = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    private static Incident Incident(IncidentSeverity severity = IncidentSeverity.S3, IncidentKind kind = IncidentKind.Misconfiguration) =>
        new() { Title = "Test", Severity = severity, Kind = kind, BecameAwareAt = Aware };

    private static Dictionary<string, RequiredEngagement> Engaged(Incident incident) =>
        EngagementPlan.For(incident, Rules).ToDictionary(e => e.Party.Key);

    [Fact]
    public void S1_engages_the_director_and_the_vp_at_once_and_S2_the_director_within_an_hour()
    {
        var s1 = Engaged(Incident(IncidentSeverity.S1));
        Assert.Equal(["director-security-operations", "vp-security"], s1.Keys.Order());
        Assert.All(s1.Values, e => Assert.Equal(Aware, e.DueAt));
        Assert.Equal(["severity S1"], s1["vp-security"].Reasons);

        var s2 = Engaged(Incident(IncidentSeverity.S2));
        Assert.Equal(["director-security-operations"], s2.Keys);
        Assert.Equal(Aware.AddHours(1), s2["director-security-operations"].DueAt);

        Assert.Empty(Engaged(Incident(IncidentSeverity.S3)));
        Assert.Empty(Engaged(Incident(IncidentSeverity.S4)));
    }

    [Fact]
    public void A_breach_or_an_actively_exploited_vulnerability_engages_the_executive_group()
    {
        Assert.Equal(["breach"], Engaged(Incident(kind: IncidentKind.Breach))["executive-group"].Reasons);
        var exploited = Incident();
        exploited.ActivelyExploited = true;
        Assert.Equal(["actively exploited"], Engaged(exploited)["executive-group"].Reasons);
    }

    [Fact]
    public void Personal_data_enterprise_customers_or_private_or_financial_data_engage_legal()
    {
        var personal = Incident();
        personal.PersonalData = true;
        Assert.Equal(["personal data involved"], Engaged(personal)["legal"].Reasons);
        var enterprise = Incident();
        enterprise.CustomerTiers = ["Enterprise"];
        Assert.Equal(["customer tier enterprise"], Engaged(enterprise)["legal"].Reasons);
        var financial = Incident();
        financial.DataCategories = ["financial"];
        Assert.Equal(["data private or financial"], Engaged(financial)["legal"].Reasons);
        var standard = Incident();
        standard.CustomerTiers = ["standard"];
        Assert.DoesNotContain("legal", Engaged(standard).Keys);
    }

    [Fact]
    public void A_public_report_or_a_regulatory_clock_engages_corporate_communications()
    {
        var reported = Incident();
        reported.PubliclyReported = true;
        Assert.Equal(["publicly reported"], Engaged(reported)["corporate-communications"].Reasons);
        var personal = Incident();
        personal.PersonalData = true;
        Assert.Equal(["a regulatory clock applies"], Engaged(personal)["corporate-communications"].Reasons);
        Assert.Equal(Aware.AddHours(2), Engaged(personal)["corporate-communications"].DueAt);
    }

    [Fact]
    public void Each_clock_rule_starts_from_its_event_and_runs_its_period()
    {
        var incident = Incident(IncidentSeverity.S1);
        incident.PersonalData = true;
        incident.ActivelyExploited = true;
        incident.Regions = ["EU"];
        incident.CustomerTiers = ["enterprise", "premium", "free"];
        // Tuesday before Thanksgiving, 10:00 in New York.
        incident.MaterialityDeterminedAt = new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
        // Friday 2027-03-19, 13:00 in Brussels; two weeks later the clocks have gone forward.
        incident.ContainedAt = new DateTimeOffset(2027, 3, 19, 12, 0, 0, TimeSpan.Zero);
        var metNotification = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        var plan = ClockPlan.For(incident, Rules, new Dictionary<string, DateTimeOffset?> { ["nis2-notification"] = metNotification })
            .ToDictionary(p => p.Key, p => p.DueAt);

        Assert.Equal(Aware.AddHours(6), plan["external-message-s1"]);
        Assert.Equal(Aware.AddHours(72), plan["gdpr-art-33"]);
        // Wednesday, Friday, Monday and Tuesday (Thanksgiving does not count): due at the end of Tuesday 1 December, New York time.
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero), plan["sec-8k-item-1-05"]);
        Assert.Equal(Aware.AddHours(24), plan["nis2-early-warning"]);
        Assert.Equal(Aware.AddHours(72), plan["nis2-notification"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 26, 9, 0, 0, TimeSpan.Zero), plan["nis2-final-report"]);
        Assert.Equal(Aware.AddHours(24), plan["cra-early-warning"]);
        Assert.Equal(Aware.AddHours(72), plan["cra-notification"]);
        Assert.Equal(new DateTimeOffset(2027, 4, 2, 11, 0, 0, TimeSpan.Zero), plan["cra-final-report"]);
        Assert.Equal(Aware.AddHours(24), plan["customer-sla:enterprise"]);
        Assert.Equal(Aware.AddHours(48), plan["customer-sla:premium"]);
        Assert.DoesNotContain("customer-sla:free", plan.Keys);
        Assert.DoesNotContain("external-message-s2", plan.Keys);
    }

    [Fact]
    public void A_clock_whose_start_event_has_not_happened_waits_without_a_due_time()
    {
        var incident = Incident(IncidentSeverity.S2);
        incident.Regions = ["EU"];
        var plan = ClockPlan.For(incident, Rules, new Dictionary<string, DateTimeOffset?>()).ToDictionary(p => p.Key);
        Assert.Null(plan["nis2-final-report"].StartedAt);
        Assert.Null(plan["nis2-final-report"].DueAt);
        Assert.Equal(Aware.AddHours(24), plan["external-message-s2"].DueAt);
    }

    [Fact]
    public void A_clock_escalates_once_per_threshold_and_is_missed_from_its_due_time()
    {
        var rule = Rules.Clocks["gdpr-art-33"];
        var clock = new IncidentClock { Key = "gdpr-art-33", Rule = "gdpr-art-33", Name = rule.Name, Period = "72 hours", StartedAt = Aware, DueAt = Aware.AddHours(72) };
        Assert.Equal(ClockState.Running, ClockStates.View(clock, rule, null, Aware.AddHours(47)).State);
        Assert.Equal((ClockState.Escalated, 1), (ClockStates.View(clock, rule, null, Aware.AddHours(48)).State, ClockStates.View(clock, rule, null, Aware.AddHours(48)).Escalations));
        Assert.Equal(2, ClockStates.View(clock, rule, null, Aware.AddHours(66)).Escalations);
        var missed = ClockStates.View(clock, rule, null, Aware.AddHours(72));
        Assert.Equal(ClockState.Missed, missed.State);
        Assert.Equal(Aware.AddHours(72), missed.MissedAt);
        clock.MetAt = Aware.AddHours(70);
        Assert.Equal(ClockState.Met, ClockStates.View(clock, rule, null, Aware.AddHours(80)).State);
    }
}
