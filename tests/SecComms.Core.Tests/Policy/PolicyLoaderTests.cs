using SecComms.Core.Communications;
using SecComms.Core.Policy;

namespace SecComms.Core.Tests.Policy;

public sealed class PolicyLoaderTests
{
    /// <summary>The approval matrix of the procedure: owner, approvers in order, consulted teams, gates.</summary>
    public static TheoryData<string, string, string, string, string> Matrix => new()
    {
        { "customer-security-notice", "security", "security", "", "linked" },
        { "security-release", "security", "security", "", "fix-released" },
        { "critical-security-release", "security", "security", "", "fix-released" },
        { "security-release-email", "security", "security", "", "fix-released" },
        { "critical-security-release-email", "security", "security", "", "fix-released" },
        { "bug-bounty-update", "security", "security", "", "" },
        { "customer-response", "security", "security", "", "linked" },
        { "security-blog-post", "security", "security corporate-marketing", "", "linked" },
        { "incident-response", "security", "security legal product corporate-marketing support customer-success?", "", "incident-contained" },
        { "certification-notice", "security", "security corporate-marketing", "", "" },
        { "media-engagement", "corporate-marketing", "corporate-marketing", "security", "" },
        { "contributed-article", "corporate-marketing", "corporate-marketing", "security", "" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_default_policy_encodes_the_procedures_approval_matrix(string key, string owner, string approvers, string consulted, string gates)
    {
        var category = PolicyLoader.LoadDefault().Categories[key];

        Assert.Equal(owner, category.Owner);
        Assert.Equal(approvers, string.Join(' ', category.Approvals.Select(s => s.When == StageConditions.CustomersAffected ? s.Team + "?" : s.Team)));
        Assert.Equal(consulted, string.Join(' ', category.Consult));
        Assert.Equal(gates, string.Join(' ', category.Gates));
        Assert.True(category.Deadlines.Emergency <= category.Deadlines.Normal);
    }

    [Fact]
    public void The_default_policy_has_the_teams_exception_and_safe_rules()
    {
        var policy = PolicyLoader.LoadDefault();

        Assert.Equal(12, policy.Categories.Count);
        Assert.Equal(
            ["appsec", "corporate-marketing", "customer-success", "legal", "product", "security", "support"],
            policy.Teams.Keys.Order(StringComparer.Ordinal));
        Assert.True(policy.Categories["incident-response"].ConfidentialByDefault);
        Assert.Equal("final editorial review", policy.Categories["security-blog-post"].Approvals[1].Purpose);
        Assert.Equal(["appsec"], policy.Categories["critical-security-release"].Approvals[0].Backup);
        Assert.Equal(90, policy.Exceptions.MaxPeriodDays);
        Assert.Equal(["security"], policy.Exceptions.Approvers);
        Assert.Equal([14, 3], policy.Exceptions.ReminderDaysBeforeExpiry);
        Assert.Equal("legal", policy.Safe.Sensitive);
        Assert.Matches("^[0-9a-f]{64}$", policy.Hash);
    }

    [Fact]
    public void The_vulnerability_teams_are_security_and_appsec_unless_the_policy_names_others()
    {
        const string key = "  vulnerability-teams: [security, appsec]\n";
        var yaml = PolicyLoader.DefaultYaml();
        Assert.Contains(key, yaml, StringComparison.Ordinal);

        Assert.Equal(["security", "appsec"], PolicyLoader.LoadDefault().Releases.VulnerabilityTeams);
        Assert.Equal(["appsec"], Parse(yaml.Replace(key, "  vulnerability-teams: [appsec]\n", StringComparison.Ordinal)).Releases.VulnerabilityTeams);
        Assert.Equal(["security", "appsec"], Parse(yaml.Replace(key, "", StringComparison.Ordinal)).Releases.VulnerabilityTeams);
        var withoutAppsec = yaml.Replace(key, "", StringComparison.Ordinal)
            .Replace("  appsec: { name: Application Security }\n", "", StringComparison.Ordinal)
            .Replace("backup: [appsec]", "backup: []", StringComparison.Ordinal);
        Assert.Equal(["security"], Parse(withoutAppsec).Releases.VulnerabilityTeams);
        var withoutReleases = withoutAppsec[..withoutAppsec.IndexOf("\nreleases:\n", StringComparison.Ordinal)]
            + withoutAppsec[withoutAppsec.IndexOf("\nincidents:\n", StringComparison.Ordinal)..];
        Assert.Null(Parse(withoutReleases).Releases.Templates);
        Assert.Equal(["security"], Parse(withoutReleases).Releases.VulnerabilityTeams);

        var none = Assert.Throws<InvalidPolicyException>(() => Parse(yaml.Replace(key, "  vulnerability-teams: []\n", StringComparison.Ordinal)));
        Assert.Contains(none.Errors, e => e.EndsWith("releases: vulnerability-teams must name at least one team.", StringComparison.Ordinal));
        var unknown = Assert.Throws<InvalidPolicyException>(() => Parse(yaml.Replace(key, "  vulnerability-teams: [security, red-team]\n", StringComparison.Ordinal)));
        Assert.Contains(unknown.Errors, e => e.Contains("releases: 'red-team' is not one of the teams", StringComparison.Ordinal));

        static SecCommsPolicy Parse(string text) => PolicyLoader.Parse(text, "policy.yaml");
    }

    [Fact]
    public void Templates_fill_in_the_title_without_escaping_it_as_html()
    {
        var category = PolicyLoader.LoadDefault().Categories["critical-security-release"];

        var content = CommunicationTemplates.Render(category, "Fix for <CVE-2026-1> & more");

        Assert.Equal("Critical security release: Fix for <CVE-2026-1> & more", content.EmailSubject);
        Assert.StartsWith("# Fix for <CVE-2026-1> & more\n", content.Body, StringComparison.Ordinal);
    }

    private static int LineOf(string error) => int.Parse(error.Split("line ")[1].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_broken_yaml_file_is_refused_with_its_line()
    {
        var error = Assert.Throws<InvalidPolicyException>(() => PolicyLoader.Parse("teams:\n  security: { name: Security }\ncategories:\n  x: [unclosed\n", "policy.yaml"));

        Assert.StartsWith("policy.yaml, line ", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_with_the_line_it_is_on()
    {
        const string yaml = """
            teams:
              security: { name: Security }
              legal: { name: Legal }
            exceptions:
              approvers: [security]
              max-period-days: 400
            safe:
              sensitive: lawyers
            categories:
              notice:
                area: incident
                owner: pr
                channels: [web, fax]
                aprovals: [security]
                approvals:
                  - team: legal
                    when: sometimes
                  - legal
                gates: [fix-released, moon-phase]
                deadlines: { normal: 2h, emergency: 1 week }
                template:
                  body: "{{ title "
            """;

        var error = Assert.Throws<InvalidPolicyException>(() => PolicyLoader.Parse(yaml, "policy.yaml"));

        Assert.Equal(
        [
            "policy.yaml, line 6: exceptions: max-period-days must be a whole number from 1 to 365.",
            "policy.yaml, line 8: safe: 'lawyers' is not one of the teams (security, legal).",
            "policy.yaml, line 12: category 'notice': 'pr' is not one of the teams (security, legal).",
            "policy.yaml, line 13: category 'notice': channels 'fax' must be one of web, email, social.",
            "policy.yaml, line 14: category 'notice': unknown key 'aprovals'; expected name, area, owner, confidential, channels, approvals, consult, fyi, gates, deadlines, one-person-may-fill-several-stages, template.",
            "policy.yaml, line 17: category 'notice': when 'sometimes' must be one of always, customers-affected.",
            "policy.yaml, line 18: category 'notice': team 'legal' appears in two approval stages.",
            "policy.yaml, line 19: category 'notice': gates 'moon-phase' must be one of fix-released, incident-contained, embargo-passed, linked.",
            "policy.yaml, line 20: category 'notice': deadline '1 week' must be a duration such as 30m, 4h or 2d.",
            "policy.yaml, line 22: category 'notice': template body is not valid Liquid: " + CommunicationTemplates.Check("{{ title "),
        ], error.Errors.OrderBy(LineOf));
    }

    [Fact]
    public void A_category_template_that_runs_away_is_refused_with_its_category_and_line()
    {
        const string yaml = """
            teams:
              security: { name: Security }
            categories:
              notice:
                area: incident
                owner: security
                channels: [web]
                approvals: [security]
                template:
                  body: "{% for i in (1..100000000) %}x{% endfor %}"
            """;

        var error = Assert.Throws<InvalidPolicyException>(() => PolicyLoader.Parse(yaml, "policy.yaml"));

        Assert.Contains(error.Errors, e => e.StartsWith("policy.yaml, line 10: category 'notice': template body exceeds the template limits", StringComparison.Ordinal));
    }
}
