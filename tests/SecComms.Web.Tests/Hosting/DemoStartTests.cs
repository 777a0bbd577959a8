using System.Net;
using System.Text.RegularExpressions;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Hosting;

/// <summary><c>--demo</c>, as a newcomer runs it: a company to sign in to within a minute, and never over real data.</summary>
public sealed class DemoStartTests
{
    [Fact]
    public async Task The_demo_prints_its_people_who_sign_in_to_a_full_company_and_a_second_start_over_it_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("seccomms-demo-").FullName;
        try
        {
            var launch = new HostLaunch(WorkingDirectory: folder, Environment: "Development", Arguments: ["--demo"]);
            await using (var host = await WebHostProcess.StartWithDefaultsAsync(launch))
            {
                Assert.True(await host.WaitForOutputAsync("vic@example.com"), host.Output);
                Assert.DoesNotContain("setup?code=", host.Output, StringComparison.Ordinal);
                var sam = Person("sam@example.com").Match(host.Output);
                Assert.True(sam.Success, host.Output);
                Assert.Contains("Sam Rivera, member, security", host.Output, StringComparison.Ordinal);

                var session = new PageSession(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress });
                var signedIn = await session.SubmitAsync("/signin", new() { ["Email"] = "sam@example.com", ["Password"] = sam.Groups[1].Value });
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                var releases = WebUtility.HtmlDecode(await session.GetHtmlAsync("/releases"));
                Assert.Contains("Acme Platform", releases, StringComparison.Ordinal);
                var incidents = WebUtility.HtmlDecode(await session.GetHtmlAsync("/incidents"));
                Assert.Contains("Credential stuffing against customer sign-in", incidents, StringComparison.Ordinal);
            }

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => WebHostProcess.StartWithDefaultsAsync(launch));
            Assert.Contains("exited with code 1", refused.Message, StringComparison.Ordinal);
            Assert.Contains("The database already holds data", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Regex Person(string email) => new($@"{Regex.Escape(email)}\s+(\S+)\s");
}
