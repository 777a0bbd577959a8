using SecComms.Core.Advisories.Exports;
using SecComms.Testing.Advisories;

namespace SecComms.Core.Tests.Advisories.Exports;

/// <summary>What scanners read to find the affected product: identifiers, semantic version ranges, names, and credits.</summary>
public sealed class ProductIdentificationTests
{
    private const string Cpe = "cpe:2.3:a:gitlab:gitlab:*:*:*:*:enterprise:*:*:*";
    private const string Purl = "pkg:gem/gitlab-ee";

    private static readonly AdvisoryPublisherOptions GitLab = new()
    {
        Name = "GitLab",
        Namespace = new Uri("https://gitlab.example"),
        ContactDetails = "Email: security@gitlab.example",
        CveOrgId = Samples.Publisher.CveOrgId,
        CveShortName = "GitLab",
    };

    private static AdvisoryVulnerability EnterpriseOnly => Samples.Xss with
    {
        Vendor = "GitLab",
        Product = "GitLab EE",
        Affected = [new("15.0", "15.4.6"), new("15.5", "15.5.5"), new("15.6", "15.6.1")],
        Cpe = Cpe,
        Purl = Purl,
    };

    private static AdvisoryDocument Published(AdvisoryVulnerability vulnerability) => Samples.Published(vulnerability) with
    {
        CanonicalUrl = new Uri("https://gitlab.example/.well-known/csaf/white/2026/sc-12.json"),
    };

    [Fact]
    public async Task A_published_advisory_naming_its_product_passes_the_optional_tests_for_canonical_url_sorted_keys_and_identification()
    {
        var csaf = new CsafWriter(GitLab).Write(Published(EnterpriseOnly));

        Assert.Empty(await ExportValidators.CsafProblems(csaf));
        Assert.Empty(await ExportValidators.CsafWarnings(csaf));
        var self = csaf["document"]!["references"]!.AsArray().Single(r => (string?)r!["category"] == "self")!;
        Assert.Equal("https://gitlab.example/.well-known/csaf/white/2026/sc-12.json", (string?)self["url"]);

        var unnamed = new CsafWriter(GitLab).Write(Published(EnterpriseOnly with { Cpe = null, Purl = null }));
        Assert.All(await ExportValidators.CsafWarnings(unnamed), w => Assert.StartsWith("optionalTest_6_2_16:", w, StringComparison.Ordinal));
        Assert.NotEmpty(await ExportValidators.CsafWarnings(unnamed));
    }

    [Fact]
    public void Each_product_carries_its_identifiers_with_the_version_named_and_does_not_repeat_its_vendor()
    {
        var csaf = new CsafWriter(GitLab).Write(Published(EnterpriseOnly));

        var vendor = csaf["product_tree"]!["branches"]![0]!;
        Assert.Equal("GitLab", (string?)vendor["name"]);
        Assert.Equal("GitLab EE", (string?)vendor["branches"]![0]!["name"]);
        var products = vendor["branches"]![0]!["branches"]!.AsArray().Select(b => b!["product"]!).ToList();
        Assert.Equal(
            [
                "GitLab EE from 15.0 before 15.4.6", "GitLab EE from 15.5 before 15.5.5", "GitLab EE from 15.6 before 15.6.1",
                "GitLab EE 15.4.6", "GitLab EE 15.5.5", "GitLab EE 15.6.1",
            ],
            products.Select(p => (string?)p["name"]));
        Assert.Equal(Cpe, (string?)products[0]["product_identification_helper"]!["cpe"]);
        Assert.Equal(Purl, (string?)products[0]["product_identification_helper"]!["purl"]);
        Assert.Equal("cpe:2.3:a:gitlab:gitlab:15.4.6:*:*:*:enterprise:*:*:*", (string?)products[3]["product_identification_helper"]!["cpe"]);
        Assert.Equal("pkg:gem/gitlab-ee@15.4.6", (string?)products[3]["product_identification_helper"]!["purl"]);
    }

    [Fact]
    public void A_minor_line_is_the_semantic_version_range_from_its_first_release_in_every_export()
    {
        var document = Published(EnterpriseOnly with { Affected = [new("0", "15.4.6"), new("15.5", "15.5.5"), new("15.6", "15.6.1")] });

        var csaf = new CsafWriter(GitLab).Write(document);
        Assert.Equal(
            ["vers:semver/<15.4.6", "vers:semver/>=15.5.0|<15.5.5", "vers:semver/>=15.6.0|<15.6.1"],
            csaf["product_tree"]!["branches"]![0]!["branches"]![0]!["branches"]!.AsArray()
                .Where(b => (string?)b!["category"] == "product_version_range").Select(b => (string?)b!["name"]));

        var osv = new OsvWriter(GitLab).Write(document).Single();
        Assert.Empty(ExportValidators.OsvProblems(osv));
        var affected = osv["affected"]![0]!;
        Assert.Equal("RubyGems", (string?)affected["package"]!["ecosystem"]);
        Assert.Equal("gitlab-ee", (string?)affected["package"]!["name"]);
        Assert.Equal(Purl, (string?)affected["package"]!["purl"]);
        Assert.Equal(
            ["SEMVER 0..15.4.6", "SEMVER 15.5.0..15.5.5", "SEMVER 15.6.0..15.6.1"],
            affected["ranges"]!.AsArray().Select(r => $"{r!["type"]} {r["events"]![0]!["introduced"]}..{r["events"]![1]!["fixed"]}"));

        var cve = new CveWriter(GitLab).Write(document).Single();
        Assert.Empty(ExportValidators.CveProblems(cve));
        var product = cve["containers"]!["cna"]!["affected"]![0]!;
        Assert.Equal([Cpe], product["cpes"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(
            ["0..15.4.6 semver", "15.5.0..15.5.5 semver", "15.6.0..15.6.1 semver"],
            product["versions"]!.AsArray().Select(v => $"{v!["version"]}..{v["lessThan"]} {v["versionType"]}"));
    }

    [Fact]
    public async Task An_anonymous_credit_names_no_one_in_any_export()
    {
        var document = Published(EnterpriseOnly with { Credits = [new("", "anonymous-customer"), new("", "anonymous-researcher")] });

        var csaf = new CsafWriter(GitLab).Write(document);
        Assert.Empty(await ExportValidators.CsafProblems(csaf));
        var acknowledgments = csaf["vulnerabilities"]![0]!["acknowledgments"]!.AsArray();
        Assert.All(acknowledgments, a => Assert.Null(a!["names"]));
        Assert.Equal(
            ["An anonymous customer reported this vulnerability.", "An anonymous researcher reported this vulnerability."],
            acknowledgments.Select(a => (string?)a!["summary"]));
        var osv = new OsvWriter(GitLab).Write(document).Single();
        Assert.Empty(ExportValidators.OsvProblems(osv));
        Assert.Equal(["Anonymous customer REPORTER", "Anonymous researcher REPORTER"], osv["credits"]!.AsArray().Select(c => $"{c!["name"]} {c["type"]}"));
        var cve = new CveWriter(GitLab).Write(document).Single();
        Assert.Empty(ExportValidators.CveProblems(cve));
        Assert.Equal("An anonymous customer reported this vulnerability.", (string?)cve["containers"]!["cna"]!["credits"]![0]!["value"]);
    }

    [Theory]
    [InlineData("cpe:2.3:a:gitlab:gitlab:15.4.6:*:*:*:*:*:*:*", "must leave the version as *")]
    [InlineData("cpe:/a:gitlab:gitlab", "is not a CPE 2.3 name")]
    [InlineData("cpe:2.3:a:*:*:*:*:*:*:*:*:*:*", "must name its vendor and product")]
    public void A_CPE_name_that_cannot_name_each_version_is_refused(string cpe, string reason) =>
        Assert.Contains(reason, CpeName.Problem(cpe), StringComparison.Ordinal);

    [Theory]
    [InlineData("pkg:gem/gitlab-ee@15.4.6")]
    [InlineData("pkg:gem/gitlab ee")]
    [InlineData("gem/gitlab-ee")]
    [InlineData("pkg:maven/platform")]
    public void A_package_url_with_a_version_or_in_another_form_is_refused(string purl) => Assert.NotNull(PackageUrl.Problem(purl));

    [Fact]
    public void A_package_url_names_its_OSV_package()
    {
        Assert.Equal(("npm", "@example/platform"), PackageUrl.OsvPackage("pkg:npm/%40example/platform"));
        Assert.Equal(("Maven", "com.example:platform"), PackageUrl.OsvPackage("pkg:maven/com.example/platform?type=jar"));
        Assert.Equal(("Go", "gitlab.com/gitlab-org/gitlab"), PackageUrl.OsvPackage("pkg:golang/gitlab.com/gitlab-org/gitlab"));
        Assert.Null(PackageUrl.OsvPackage("pkg:generic/gitlab"));
        Assert.Equal("pkg:maven/com.example/platform@1.2.3?type=jar", PackageUrl.WithVersion("pkg:maven/com.example/platform?type=jar", "1.2.3"));
    }
}
