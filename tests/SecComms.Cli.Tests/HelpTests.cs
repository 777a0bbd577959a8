using System.CommandLine;

namespace SecComms.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_lists_every_command_with_examples_and_exit_codes()
    {
        var result = await Cli.RunAsync(["--help"]);

        result.AssertSucceeded();
        foreach (var command in new[] { "db", "users", "audit", "communications", "exceptions", "vulns", "releases", "advisories", "incidents", "contacts", "organizations",
                     "audiences", "dispatch, dispatches", "webhooks", "people", "service-accounts" })
        {
            Assert.Matches($"(?m)^  {command} +\\S", result.Out);
        }
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.Contains("seccomms users add --email", result.Out, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db", "migrate")]
    [InlineData("users", "add")]
    [InlineData("audit", "verify")]
    [InlineData("communications", "list")]
    [InlineData("communications", "show")]
    [InlineData("communications", "requirements")]
    [InlineData("communications", "submit")]
    [InlineData("communications", "approve")]
    [InlineData("communications", "reject")]
    [InlineData("communications", "publish")]
    [InlineData("exceptions", "list")]
    [InlineData("exceptions", "show")]
    [InlineData("exceptions", "request")]
    [InlineData("exceptions", "extend")]
    [InlineData("exceptions", "approve")]
    [InlineData("exceptions", "reject")]
    [InlineData("exceptions", "revoke")]
    [InlineData("communications", "emergency")]
    [InlineData("vulns", "list")]
    [InlineData("vulns", "show")]
    [InlineData("vulns", "add")]
    [InlineData("vulns", "update")]
    [InlineData("vulns", "status")]
    [InlineData("releases", "list")]
    [InlineData("releases", "show")]
    [InlineData("releases", "plan")]
    [InlineData("releases", "bundle")]
    [InlineData("releases", "prepare")]
    [InlineData("releases", "publish")]
    [InlineData("releases", "calendar")]
    [InlineData("advisories", "export")]
    [InlineData("incidents", "list")]
    [InlineData("incidents", "show")]
    [InlineData("incidents", "open")]
    [InlineData("incidents", "update")]
    [InlineData("incidents", "contain")]
    [InlineData("incidents", "resolve")]
    [InlineData("incidents", "status")]
    [InlineData("incidents", "note")]
    [InlineData("incidents", "engage")]
    [InlineData("incidents", "clocks")]
    [InlineData("incidents", "met")]
    [InlineData("incidents", "message")]
    [InlineData("communications", "audience")]
    [InlineData("communications", "test-send")]
    [InlineData("contacts", "import")]
    [InlineData("contacts", "export")]
    [InlineData("contacts", "list")]
    [InlineData("organizations", "list")]
    [InlineData("organizations", "add")]
    [InlineData("organizations", "update")]
    [InlineData("audiences", "list")]
    [InlineData("audiences", "show")]
    [InlineData("audiences", "preview")]
    [InlineData("audiences", "create")]
    [InlineData("audiences", "update")]
    [InlineData("audiences", "delete")]
    [InlineData("dispatches", "list")]
    [InlineData("dispatches", "show")]
    [InlineData("dispatches", "watch")]
    [InlineData("dispatches", "report")]
    [InlineData("webhooks", "list")]
    [InlineData("webhooks", "add")]
    [InlineData("webhooks", "remove")]
    [InlineData("people", "list")]
    [InlineData("people", "show")]
    [InlineData("people", "invite")]
    [InlineData("people", "teams")]
    [InlineData("people", "role")]
    [InlineData("people", "deactivate")]
    [InlineData("people", "reactivate")]
    [InlineData("people", "reset-password")]
    [InlineData("service-accounts", "list")]
    [InlineData("service-accounts", "add")]
    [InlineData("service-accounts", "token")]
    [InlineData("service-accounts", "revoke")]
    public async Task Every_command_has_its_own_help(string group, string command)
    {
        var result = await Cli.RunAsync([group, command, "--help"]);

        result.AssertSucceeded();
        Assert.Matches($"Usage:\n  \\S+ {group} {command} ", result.Out);
        Assert.Contains("--json", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_option_and_argument_is_described()
    {
        using var output = new StringWriter();
        var root = SecCommsCommand.Create(new CliHost(output, output, TextReader.Null, new Dictionary<string, string?>(), "."));

        var undescribed = Walk(root).Where(s => string.IsNullOrWhiteSpace(s.Description)).Select(s => s.Name).ToList();

        Assert.Empty(undescribed);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await Cli.RunAsync(["payroll", "list"]);

        result.AssertFailed(ExitCodes.Usage, "payroll");
        Assert.Contains("Run 'seccomms --help' for usage.", result.Error, StringComparison.Ordinal);
    }

    private static IEnumerable<Symbol> Walk(Command command) =>
        new Symbol[] { command }.Concat(command.Options).Concat(command.Arguments).Concat(command.Subcommands.SelectMany(Walk));
}
