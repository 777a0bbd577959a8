using System.Text.Json;
using SecComms.Cli.Tests.Vulnerabilities;
using SecComms.Testing;
using SecComms.Testing.Advisories;

namespace SecComms.Cli.Tests.Advisories;

public sealed class AdvisoryExportCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_advisory_is_exported_as_valid_csaf_and_osv_from_the_command_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var added = await Cli.RunAsync(app, alice.Token, VulnerabilityArgs.Rce());
        (await Cli.RunAsync(app, alice.Token, "vulns", "status", added.LastLine[^36..], "fixed")).AssertSucceeded();
        (await Cli.RunAsync(app, alice.Token, "releases", "plan", "--kind", "planned", "--product", "Acme Platform",
            "--version", "18.4.2", "--version", "18.3.5", "--version", "18.2.9")).AssertSucceeded();
        (await Cli.RunAsync(app, alice.Token, "releases", "bundle", "SR-1", "VULN-1")).AssertSucceeded();
        (await Cli.RunAsync(app, alice.Token, "releases", "prepare", "SR-1")).AssertSucceeded();
        var release = JsonDocument.Parse((await Cli.RunAsync(app, alice.Token, "releases", "show", "SR-1", "--json")).Out).RootElement;
        var advisory = release.GetProperty("communications").EnumerateArray().First(c => c.GetProperty("part").GetString() == "advisory")
            .GetProperty("id").GetString()!;
        var blog = release.GetProperty("communications").EnumerateArray().First(c => c.GetProperty("part").GetString() == "blog-post")
            .GetProperty("id").GetString()!;
        var file = Path.Combine(Directory.CreateTempSubdirectory("seccomms-export-").FullName, "advisory.json");

        var csaf = await Cli.RunAsync(app, alice.Token, "advisories", "export", advisory, "--format", "csaf", "--output", file);
        var osv = await Cli.RunAsync(app, alice.Token, "advisories", "export", advisory, "--format", "osv");
        var badFormat = await Cli.RunAsync(app, alice.Token, "advisories", "export", advisory, "--format", "pdf");
        var notAdvisory = await Cli.RunAsync(app, alice.Token, "advisories", "export", blog, "--format", "csaf");

        csaf.AssertSucceeded();
        Assert.Equal($"Wrote {file}.", csaf.LastLine);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        Assert.Equal("draft", document["document"]!["tracking"]!["status"]!.GetValue<string>());
        Assert.Empty(await ExportValidators.CsafProblems(document));
        osv.AssertSucceeded();
        Assert.Empty(ExportValidators.OsvProblems(System.Text.Json.Nodes.JsonNode.Parse(osv.Out)!.AsObject()));
        Assert.Equal(ExitCodes.Usage, badFormat.ExitCode);
        notAdvisory.AssertFailed(ExitCodes.Refused, "is not an advisory");
    }
}
