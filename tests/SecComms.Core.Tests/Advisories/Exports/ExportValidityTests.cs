using SecComms.Core.Advisories.Exports;
using SecComms.Core.Errors;

using SecComms.Testing.Advisories;

namespace SecComms.Core.Tests.Advisories.Exports;

/// <summary>Every kind of advisory a release produces gives documents that the official validators accept.</summary>
public sealed class ExportValidityTests
{
    private static readonly Dictionary<string, AdvisoryDocument> Cases = new()
    {
        ["final with CVSS 3.1 and 4.0"] = Samples.Published(),
        ["draft"] = Samples.Draft(),
        ["CVSS 3.1 only"] = Samples.Published(Samples.Xss with { Cvss40 = null }),
        ["CVSS 4.0 only"] = Samples.Published(Samples.Xss with { Cvss31 = null }),
        ["no CVE id yet"] = Samples.Draft(Samples.Xss with { CveId = null }),
        ["CWE outside the catalogue"] = Samples.Published(Samples.Xss with { CweId = "CWE-99999" }),
        ["no CWE"] = Samples.Published(Samples.Xss with { CweId = null, Credits = [] }),
        ["two vulnerabilities sharing a product"] = Samples.Published(Samples.Xss, Samples.Rce),
        ["two vulnerabilities in a draft, one without CVE"] = Samples.Draft(Samples.Xss, Samples.Rce with { CveId = null, Product = "Example Runner" }),
        ["versions that are not semantic"] = Samples.Published(Samples.Rce with { Affected = [new("2024.1", "2024.3r2"), new("2025.1", "2025.1r4")] }),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task CSAF_passes_the_official_validators_schema_and_mandatory_tests(string name)
    {
        var document = new CsafWriter(Samples.Publisher).Write(Cases[name]);

        Assert.Empty(await ExportValidators.CsafProblems(document));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void OSV_records_pass_the_OSV_schema(string name)
    {
        var records = new OsvWriter(Samples.Publisher).Write(Cases[name]);

        Assert.Equal(Cases[name].Vulnerabilities.Count, records.Count);
        Assert.All(records, record => Assert.Empty(ExportValidators.OsvProblems(record)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CVE_records_pass_the_CVE_schema_or_are_refused_without_a_CVE_id(string name)
    {
        var document = Cases[name];
        var writer = new CveWriter(Samples.Publisher);

        if (document.Vulnerabilities.Any(v => v.CveId is null))
        {
            var refused = Assert.Throws<ConflictException>(() => writer.Write(document));
            var missing = document.Vulnerabilities.First(v => v.CveId is null);
            Assert.Equal($"{missing.Reference} has no CVE id yet; the CVE record needs one.", refused.Message);
        }
        else
        {
            Assert.All(writer.Write(document), record => Assert.Empty(ExportValidators.CveProblems(record)));
        }
        foreach (var cve in document.Vulnerabilities.Select(v => v.CveId).OfType<string>())
        {
            Assert.Empty(ExportValidators.CveProblems(writer.Write(document, cve)));
        }
    }

    [Fact]
    public async Task The_validators_catch_a_broken_document()
    {
        var csaf = new CsafWriter(Samples.Publisher).Write(Samples.Published());
        csaf["document"]!["tracking"]!["version"] = "7";
        csaf["vulnerabilities"]![0]!["cwe"]!["name"] = "Cross-site Scripting";
        var osv = new OsvWriter(Samples.Publisher).Write(Samples.Published())[0];
        osv["id"] = "SC-12";
        var cve = new CveWriter(Samples.Publisher).Write(Samples.Published())[0];
        cve["containers"]!["cna"]!["affected"]![0]!["versions"]![0]!["status"] = "vulnerable";

        var csafProblems = await ExportValidators.CsafProblems(csaf);
        Assert.Contains(csafProblems, p => p.StartsWith("mandatoryTest_6_1_11:", StringComparison.Ordinal));
        Assert.Contains(csafProblems, p => p.StartsWith("csaf_2_0_strict:", StringComparison.Ordinal) || p.StartsWith("mandatoryTest_6_1_16:", StringComparison.Ordinal) || p.StartsWith("mandatoryTest_6_1_30:", StringComparison.Ordinal));
        Assert.NotEmpty(ExportValidators.OsvProblems(osv));
        Assert.NotEmpty(ExportValidators.CveProblems(cve));
    }
}
