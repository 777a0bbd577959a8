using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecComms.Core.Advisories.Exports;
using SecComms.Core.Errors;

namespace SecComms.Core.Tests.Advisories.Exports;

public sealed class AdvisoryInputTests
{
    [Fact]
    public void An_advisory_that_breaks_the_rules_is_refused_with_every_problem_named()
    {
        var broken = Samples.Published(Samples.Xss with
        {
            CveId = "CVE-26-1",
            CweId = "79",
            Cvss31 = Samples.XssV31 with { Vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:X/C:L/I:L/A:N" },
            Cvss40 = Samples.XssV40 with { Vector = "CVSS:4.0/AV:N/QQ:L" },
            Affected = [new("16.0.0", "")],
            Credits = [new("joaxcar", "bugcrowd")],
        }) with
        {
            Revisions = [new("2", Samples.Released, "Second"), new("1", Samples.Released, "First")],
        };

        foreach (var write in new Action[]
        {
            () => new CsafWriter(Samples.Publisher).Write(broken),
            () => new OsvWriter(Samples.Publisher).Write(broken),
            () => new CveWriter(Samples.Publisher).Write(broken),
        })
        {
            var refused = Assert.Throws<ValidationException>(write);
            Assert.Equal("'CVE-26-1' is not a CVE id such as CVE-2026-12345.", refused.Errors["Vulnerabilities[0].CveId"].Single());
            Assert.Equal("'79' is not a CWE id such as CWE-79.", refused.Errors["Vulnerabilities[0].CweId"].Single());
            Assert.Equal("'X' is not a value of the CVSS 3.1 metric S.", refused.Errors["Vulnerabilities[0].Cvss31.Vector"].Single());
            Assert.Equal("'QQ:L' is not a CVSS 4.0 metric.", refused.Errors["Vulnerabilities[0].Cvss40.Vector"].Single());
            Assert.Contains("first fixed version", refused.Errors["Vulnerabilities[0].Affected[0]"].Single(), StringComparison.Ordinal);
            Assert.Equal("Credit kind 'bugcrowd' must be one of hackerone, customer, internal, other, anonymous-customer, anonymous-researcher.", refused.Errors["Vulnerabilities[0].Credits[0].Kind"].Single());
            Assert.Equal("Revisions must be in ascending order: 1 follows 2.", refused.Errors["Revisions[1].Number"].Single());
        }
    }

    [Fact]
    public void A_published_advisory_cannot_carry_revision_0()
    {
        var refused = Assert.Throws<ValidationException>(() => new CsafWriter(Samples.Publisher).Write(Samples.Published() with
        {
            Revisions = [new("0", Samples.Released, "Draft"), new("1", Samples.Released, "Published")],
        }));

        Assert.Equal("A published advisory's revisions start at 1, not 0.", refused.Errors["Revisions[0].Number"].Single());
    }

    [Fact]
    public void A_fresh_install_exports_as_Example_Corp()
    {
        using var services = Services([]);

        var publisher = services.GetRequiredService<IOptions<AdvisoryPublisherOptions>>().Value;
        Assert.Equal("Example Corp", publisher.Name);
        Assert.Equal("vendor", publisher.Category);
        var csaf = services.GetRequiredService<CsafWriter>().Write(Samples.Published());
        Assert.Equal("https://example.com/", (string?)csaf["document"]!["publisher"]!["namespace"]);
        Assert.Equal("x_SC-12", (string?)services.GetRequiredService<OsvWriter>().Write(Samples.Published())[0]["id"]);
    }

    [Fact]
    public void Unusable_publisher_settings_are_refused_with_a_message_per_setting()
    {
        using var services = Services(new()
        {
            ["Advisories:Publisher:Name"] = " ",
            ["Advisories:Publisher:Namespace"] = "example.com",
            ["Advisories:Publisher:Category"] = "seller",
            ["Advisories:Publisher:CveOrgId"] = "not-a-uuid",
            ["Advisories:Publisher:CveShortName"] = "X",
            ["Advisories:Publisher:OsvIdPrefix"] = "SC",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AdvisoryPublisherOptions>>().Value);

        Assert.Equal(
            [
                "Advisories:Publisher:Name is required: the publisher named in every advisory, such as \"Example Corp\".",
                "Advisories:Publisher:Namespace must be an absolute http(s) address such as https://example.com, not 'example.com'.",
                "Advisories:Publisher:Category must be one of coordinator, discoverer, other, translator, user, vendor, not 'seller'.",
                "Advisories:Publisher:CveOrgId must be the version 4 UUID the CVE program assigned, such as 3c1b9d6e-8f0a-4a51-9a3e-2b7c1d4e5f60, not 'not-a-uuid'.",
                "Advisories:Publisher:CveShortName must have 2 to 32 characters, not 1.",
                "Advisories:Publisher:OsvIdPrefix must be x_ (or start with it) or a registered OSV prefix ending in '-', such as GHSA-, not 'SC'.",
            ],
            refused.Failures);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddAdvisoryExports(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
