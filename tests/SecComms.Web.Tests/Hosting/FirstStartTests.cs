using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using SecComms.Testing;

namespace SecComms.Web.Tests.Hosting;

/// <summary>The web host started as someone trying it out starts it: its defaults only, from a folder of their choosing.</summary>
public sealed partial class FirstStartTests
{
    [Fact]
    public async Task The_first_start_warns_only_with_the_setup_link_last_and_keeps_its_data_in_the_working_folder()
    {
        var folder = Directory.CreateTempSubdirectory("seccomms-first-start-").FullName;
        try
        {
            await using var host = await WebHostProcess.StartWithDefaultsAsync(new HostLaunch(WorkingDirectory: folder, Environment: "Development"));
            Assert.True(await host.WaitForOutputAsync("setup?code="), host.Output);

            var lines = host.Output.Split('\n');
            var warnings = lines.Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal)).ToList();
            Assert.True(warnings is ["warn: SecComms.Startup[0]"], host.Output);
            var setup = SetupLink().Match(host.Output);
            Assert.True(setup.Success, host.Output);
            Assert.StartsWith(host.BaseAddress.AbsoluteUri, setup.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(lines.SkipWhile(l => !l.StartsWith("warn:", StringComparison.Ordinal)).Skip(1),
                l => l.StartsWith("info:", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(folder, "data", "seccomms.db")));

            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            var css = await client.GetAsync("/css/site.css");
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_published_host_started_from_another_folder_serves_its_styles_and_production_needs_the_base_address()
    {
        var published = Directory.CreateTempSubdirectory("seccomms-published-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("seccomms-elsewhere-").FullName;
        try
        {
            await PublishAsync(published);
            var launch = new HostLaunch(Path.Combine(published, "SecComms.Web.dll"), elsewhere);

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => WebHostProcess.StartWithDefaultsAsync(launch));
            Assert.Contains("SecComms:BaseUrl is not set", refused.Message, StringComparison.Ordinal);

            await using var host = await WebHostProcess.StartWithDefaultsAsync(launch,
                new Dictionary<string, string?> { ["SecComms:BaseUrl"] = "https://security.example.com" });
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
            Assert.True(File.Exists(Path.Combine(elsewhere, "data", "seccomms.db")));
            Assert.False(Directory.Exists(Path.Combine(published, "data")));
        }
        finally
        {
            Directory.Delete(published, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    /// <summary>Publishes the web host as built for these tests; <c>--no-build</c> copies what is already compiled.</summary>
    private static async Task PublishAsync(string output)
    {
        var project = RepositoryFile("src/SecComms.Web/SecComms.Web.csproj");
        var configuration = typeof(FirstStartTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", project, "--no-build", "--nologo", "-c", configuration, "-o", output })
        {
            start.ArgumentList.Add(argument);
        }
        using var publish = Process.Start(start)!;
        var log = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, log);
    }

    private static string RepositoryFile(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, relative)))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }
        throw new InvalidOperationException($"{relative} was not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"http://\S+/setup\?code=[0-9a-f]+")]
    private static partial Regex SetupLink();
}
