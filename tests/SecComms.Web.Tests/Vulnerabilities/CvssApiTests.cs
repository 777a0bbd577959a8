using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Web.Tests.Vulnerabilities;

public sealed class CvssApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Scores_a_vector_of_either_version_for_a_signed_in_user(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);

        var v31 = await (await alice.Client.PostJsonAsync("/api/v1/cvss/score", new { vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N" })).JsonAsync();
        var v40 = await (await alice.Client.PostJsonAsync("/api/v1/cvss/score",
            new { vector = "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U" })).JsonAsync();

        Assert.Equal("3.1", v31.GetProperty("version").GetString());
        Assert.Equal(6.1m, v31.GetProperty("baseScore").GetDecimal());
        Assert.Equal("Medium", v31.GetProperty("severity").GetString());
        Assert.Equal("4.0", v40.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Number, v40.GetProperty("baseScore").ValueKind);
        Assert.True(v40.GetProperty("baseScore").GetDecimal() < 7.3m, "E:U lowers the nginx example below its base 7.3");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_malformed_vector_is_a_400_naming_the_metric(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);

        async Task<string> RefusalAsync(HttpResponseMessage response)
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            return Assert.Single(problem.GetProperty("errors").GetProperty("vector").EnumerateArray()).GetString() ?? "";
        }
        Task<HttpResponseMessage> PostAsync(object body) => alice.Client.PostJsonAsync("/api/v1/cvss/score", body);

        Assert.Equal("AV (Attack Vector) is missing.", await RefusalAsync(await PostAsync(new { vector = "CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" })));
        Assert.Equal("CVSS:3.0 is not supported; use CVSS:3.1 or CVSS:4.0.",
            await RefusalAsync(await PostAsync(new { vector = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" })));
        Assert.StartsWith("UI (User Interaction) cannot be 'R'",
            await RefusalAsync(await PostAsync(new { vector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" })), StringComparison.Ordinal);
        Assert.StartsWith("AV (Attack Vector) must come before AC (Attack Complexity)",
            await RefusalAsync(await PostAsync(new { vector = "CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" })), StringComparison.Ordinal);
        Assert.StartsWith("vector is required", await RefusalAsync(await PostAsync(new { vector = "" })), StringComparison.Ordinal);
        Assert.StartsWith("vector is required", await RefusalAsync(await PostAsync(new { })), StringComparison.Ordinal);
        Assert.StartsWith("vector is required",
            await RefusalAsync(await alice.Client.PostAsync("/api/v1/cvss/score", new StringContent("null", Encoding.UTF8, "application/json"))),
            StringComparison.Ordinal);

        var wrongType = await alice.Client.PostAsync("/api/v1/cvss/score", new StringContent("""{"vector": 3.1}""", Encoding.UTF8, "application/json"));
        await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Scoring_needs_a_signed_in_user(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        using var anonymous = app.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/api/v1/cvss/score", new { vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
