using Microsoft.Data.Sqlite;

namespace SecComms.Cli.Tests.Database;

public sealed class DatabaseSettingsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("seccomms-cli-settings-");

    [Fact]
    public async Task Options_win_over_environment_variables_which_win_over_appsettings()
    {
        var fromFile = Path.Combine(_folder.FullName, "from-file.db");
        var fromEnvironment = Path.Combine(_folder.FullName, "from-environment.db");
        var fromOption = Path.Combine(_folder.FullName, "from-option.db");
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "appsettings.json"),
            $$"""{ "Database": { "Provider": "sqlite", "ConnectionString": "Data Source={{fromFile}}" } }""");
        var environment = new Dictionary<string, string?> { ["SECCOMMS__Database__ConnectionString"] = $"Data Source={fromEnvironment}" };

        var file = await Cli.RunAsync(["db", "migrate"], workingDirectory: _folder.FullName);
        var variable = await Cli.RunAsync(["db", "migrate"], variables: environment, workingDirectory: _folder.FullName);
        var option = await Cli.RunAsync(["db", "migrate", "--connection", $"Data Source={fromOption}"], variables: environment,
            workingDirectory: _folder.FullName);

        Assert.Contains(fromFile, file.Out, StringComparison.Ordinal);
        Assert.Contains(fromEnvironment, variable.Out, StringComparison.Ordinal);
        Assert.Contains(fromOption, option.Out, StringComparison.Ordinal);
        Assert.All([fromFile, fromEnvironment, fromOption], path => Assert.True(File.Exists(path), path));
    }

    [Fact]
    public async Task A_plain_Database_variable_as_the_web_host_reads_it_wins_over_appsettings_but_not_over_a_SECCOMMS_one()
    {
        var fromFile = Path.Combine(_folder.FullName, "from-file.db");
        var fromPlain = Path.Combine(_folder.FullName, "from-plain-variable.db");
        var fromPrefixed = Path.Combine(_folder.FullName, "from-prefixed-variable.db");
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "appsettings.json"),
            $$"""{ "Database": { "Provider": "sqlite", "ConnectionString": "Data Source={{fromFile}}" } }""");
        var plain = new Dictionary<string, string?>
        {
            ["Database__Provider"] = "sqlite",
            ["Database__ConnectionString"] = $"Data Source={fromPlain}",
        };
        var both = new Dictionary<string, string?>(plain) { ["SECCOMMS__Database__ConnectionString"] = $"Data Source={fromPrefixed}" };

        var plainOnly = await Cli.RunAsync(["db", "migrate"], variables: plain, workingDirectory: _folder.FullName);
        var prefixedToo = await Cli.RunAsync(["db", "migrate"], variables: both, workingDirectory: _folder.FullName);

        plainOnly.AssertSucceeded();
        Assert.Contains(fromPlain, plainOnly.Out, StringComparison.Ordinal);
        prefixedToo.AssertSucceeded();
        Assert.Contains(fromPrefixed, prefixedToo.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(fromFile), "appsettings.json was used although a variable named the database.");
    }

    [Fact]
    public async Task An_unknown_provider_from_the_environment_is_a_usage_error()
    {
        var environment = new Dictionary<string, string?> { ["SECCOMMS__Database__Provider"] = "oracle" };

        var result = await Cli.RunAsync(["audit", "verify"], variables: environment, workingDirectory: _folder.FullName);

        result.AssertFailed(ExitCodes.Usage, "not 'oracle'");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
