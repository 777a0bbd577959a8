using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Distribution;

public sealed class ContactsCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_import_saves_the_good_rows_lists_each_bad_one_with_its_line_and_exits_5(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var cara = await app.AddUserAsync("cara@example.com", ["customer-success"]);
        var file = Customers.File("customers.csv", Customers.WithBadRows);

        var imported = await Cli.RunAsync(app, cara.Token, "contacts", "import", file);
        var contacts = await Cli.RunAsync(app, cara.Token, "contacts", "list");
        var acme = await Cli.RunAsync(app, cara.Token, "contacts", "list", "--organization", "acme corp");
        var organizations = await Cli.RunAsync(app, cara.Token, "organizations", "list");

        Assert.Equal(ExitCodes.Partial, imported.ExitCode);
        Assert.Empty(imported.Error);
        var size = new FileInfo(file).Length;
        Assert.Equal($"Sent 100% ({size} B of {size} B).", imported.Lines[0]);
        Assert.Equal("customers.csv: 6 rows; 4 created, 0 updated, 0 unchanged, 2 skipped; 3 organizations created.", imported.Lines[1]);
        Assert.Matches("^LINE +FIELD +MESSAGE$", imported.Lines[2]);
        Assert.Matches("^4 +email +'not-an-address' is not an email address$", imported.Lines[3]);
        Assert.Matches("^6 +deployment +'cloud' is not a deployment; one of self-managed, saas$", imported.Lines[4]);
        Assert.Equal("2 rows were skipped: correct them and import the file again; the rows imported stay as they are.", imported.LastLine);
        Assert.DoesNotContain("\u001b[", imported.Out, StringComparison.Ordinal);

        contacts.AssertSucceeded();
        Assert.Matches("^EMAIL +NAME +ORGANIZATION +ROLE +SUBSCRIBED$", contacts.Lines[0]);
        Assert.Equal(["ada@acme.example", "bob@acme.example", "cy@globex.example", "eve@initech.example"], contacts.Lines.Skip(1).Select(l => l.Split(' ')[0]));
        Assert.Matches("^eve@initech\\.example +Eve Initech +Initech +security-contact +no$", contacts.LastLine);
        acme.AssertSucceeded();
        Assert.Equal(3, acme.Lines.Count);
        organizations.AssertSucceeded();
        Assert.Matches("^NAME +TIER +DEPLOYMENT +VERSION +REGION +CONTACTS +ID$", organizations.Lines[0]);
        Assert.Matches("^Acme Corp +enterprise +self-managed +16\\.4\\.2 +eu +2 +[0-9a-f-]{36}$", organizations.Lines[1]);
        Assert.Matches("^Globex +premium +saas +16\\.5\\.0 +us +1 +", organizations.Lines[2]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Importing_again_or_importing_the_export_changes_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var cara = await app.AddUserAsync("cara@example.com", ["customer-success"]);
        var file = Customers.File("customers.csv", Customers.Good);
        var exported = Path.Combine(Path.GetDirectoryName(file)!, "exported.csv");

        var first = await Cli.RunAsync(app, cara.Token, "contacts", "import", file, "--json");
        var again = await Cli.RunAsync(app, cara.Token, "contacts", "import", file, "--json");
        var export = await Cli.RunAsync(app, cara.Token, "contacts", "export", "--output", exported);
        var toStdout = await Cli.RunAsync(app, cara.Token, "contacts", "export");
        var roundTrip = await Cli.RunAsync(app, cara.Token, "contacts", "import", exported);

        first.AssertSucceeded();
        var report = JsonDocument.Parse(first.Out).RootElement;
        Assert.Equal(4, report.GetProperty("created").GetInt64());
        Assert.Equal(3, report.GetProperty("organizationsCreated").GetInt64());
        Assert.Equal(0, report.GetProperty("badRows").GetArrayLength());
        again.AssertSucceeded();
        var second = JsonDocument.Parse(again.Out).RootElement;
        Assert.Equal((4, 0, 0, 4, 0, 0), (second.GetProperty("rows").GetInt64(), second.GetProperty("created").GetInt64(),
            second.GetProperty("updated").GetInt64(), second.GetProperty("unchanged").GetInt64(), second.GetProperty("skipped").GetInt64(),
            second.GetProperty("organizationsCreated").GetInt64()));

        export.AssertSucceeded();
        Assert.Matches($"^Wrote {System.Text.RegularExpressions.Regex.Escape(exported)} \\(\\d+ B\\)\\.$", export.LastLine);
        var lines = await File.ReadAllLinesAsync(exported);
        Assert.Equal(Customers.Header, lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("eve@initech.example,Eve Initech,Initech,", StringComparison.Ordinal));
        Assert.False(File.Exists(exported + ".partial"));
        toStdout.AssertSucceeded();
        Assert.Equal(lines, toStdout.Lines);
        roundTrip.AssertSucceeded();
        Assert.Equal("exported.csv: 4 rows; 0 created, 0 updated, 4 unchanged, 0 skipped; 0 organizations created.", roundTrip.LastLine);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_missing_file_a_bad_header_or_someone_without_access_is_a_clear_error_and_imports_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var cara = await app.AddUserAsync("cara@example.com", ["customer-success"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var good = Customers.File("customers.csv", Customers.Good);
        var missing = Path.Combine(Path.GetDirectoryName(good)!, "missing.csv");
        var badHeader = Path.Combine(Path.GetDirectoryName(good)!, "bad-header.csv");
        await File.WriteAllLinesAsync(badHeader, ["mail,name", "ada@acme.example,Ada"]);

        var notThere = await Cli.RunAsync(app, cara.Token, "contacts", "import", missing);
        var header = await Cli.RunAsync(app, cara.Token, "contacts", "import", badHeader);
        var outsider = await Cli.RunAsync(app, lee.Token, "contacts", "import", good);
        var unknownOrganization = await Cli.RunAsync(app, cara.Token, "contacts", "list", "--organization", "Nowhere Inc");
        var contacts = await Cli.RunAsync(app, cara.Token, "contacts", "list");

        notThere.AssertFailed(ExitCodes.Usage, $"no such file: {missing}.");
        header.AssertFailed(ExitCodes.Refused, "Line 1, the header: it lacks email, organization; 'mail' is not a column.");
        outsider.AssertFailed(ExitCodes.Refused, "Only administrators and the security, customer-success, support teams see customer contacts.");
        unknownOrganization.AssertFailed(ExitCodes.Refused, "no organization is named 'Nowhere Inc'");
        contacts.AssertSucceeded();
        Assert.Equal("No contacts match.", contacts.LastLine);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task In_a_terminal_the_import_draws_a_progress_bar_of_the_bytes_sent(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var cara = await app.AddUserAsync("cara@example.com", ["customer-success"]);
        using var output = new StringWriter();
        var host = new CliHost(output, TextWriter.Null, TextReader.Null, new Dictionary<string, string?>(), Cli.EmptyFolder, app.Server.CreateHandler(),
            Interactive: true);

        var exitCode = await CliApp.RunAsync(
            ["contacts", "import", Customers.File("customers.csv", Customers.Good), "--url", "http://localhost", "--token", cara.Token], host);

        Assert.Equal(ExitCodes.Success, exitCode);
        var text = output.ToString();
        Assert.Contains("Importing customers.csv", text, StringComparison.Ordinal);
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sent 100%", text, StringComparison.Ordinal);
        Assert.EndsWith("customers.csv: 4 rows; 4 created, 0 updated, 0 unchanged, 0 skipped; 3 organizations created.", text.TrimEnd(), StringComparison.Ordinal);
    }
}
