using SecComms.Core.Communications;
using SecComms.Core.Policy;

namespace SecComms.Core.Tests.Policy;

public sealed class PolicyLoaderTests
{
    [Fact]
    public void The_default_policy_has_every_category_of_the_procedure()
    {
        var policy = PolicyLoader.LoadDefault();

        Assert.Equal(
            ["bug-bounty-update", "certification-notice", "contributed-article", "critical-security-release", "customer-response",
             "customer-security-notice", "incident-response", "media-engagement", "security-blog-post", "security-release"],
            policy.Categories.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["appsec", "corporate-marketing", "customer-success", "legal", "product", "security", "support"],
            policy.Teams.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("corporate-marketing", policy.Categories["media-engagement"].Owner);
        Assert.True(policy.Categories["incident-response"].ConfidentialByDefault);
        Assert.Matches("^[0-9a-f]{64}$", policy.Hash);
    }

    [Fact]
    public void Templates_fill_in_the_title_without_escaping_it_as_html()
    {
        var category = PolicyLoader.LoadDefault().Categories["critical-security-release"];

        var content = CommunicationTemplates.Render(category, "Fix for <CVE-2026-1> & more");

        Assert.Equal("Critical security release: Fix for <CVE-2026-1> & more", content.EmailSubject);
        Assert.StartsWith("# Fix for <CVE-2026-1> & more\n", content.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_yaml_file_is_refused_with_its_line()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("teams:\n  security: { name: Security }\ncategories:\n  x: [unclosed\n", "policy.yaml"));

        Assert.StartsWith("policy.yaml, line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_owners_channels_and_bad_templates_are_all_named()
    {
        const string yaml = """
            teams:
              security: { name: Security }
            categories:
              notice:
                area: incident
                owner: pr
                channels: [web, fax]
                template:
                  body: "{{ title "
            """;

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "policy.yaml"));

        Assert.Contains("owner 'pr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("channels", error.Message, StringComparison.Ordinal);
        Assert.Contains("template body is not valid Liquid", error.Message, StringComparison.Ordinal);
    }
}
