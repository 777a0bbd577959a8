using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecComms.Web.Tests.Notifications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every API endpoint, as every kind of person: the status each gets, and that no one is shown a record a rule hides
/// from them, even in a list or an error.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    [Fact]
    public void Every_api_endpoint_has_an_expectation_in_the_matrix()
    {
        var expected = Probes().Select(p => ApiEndpoints.Key(p.Method, p.Pattern)).ToHashSet(StringComparer.Ordinal);
        var mapped = ApiEndpoints.Of(fixture.App);

        Assert.True(mapped.Count > 50, $"Only {mapped.Count} endpoints were found under /api/v1.");
        Assert.Empty(mapped.Except(expected).Order(StringComparer.Ordinal));
        Assert.Empty(expected.Except(mapped).Order(StringComparer.Ordinal));
        Assert.All(Probes(), probe => Assert.True(probe.FillsEveryParameter, $"{probe} leaves a route parameter unfilled."));
    }

    [Fact]
    public async Task Every_read_answers_each_person_as_the_matrix_says_and_shows_no_hidden_record()
    {
        var failures = await AskAsync(ReadMatrix.For(fixture));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_hidden_records_carry_their_canaries_for_the_people_who_may_see_them()
    {
        var security = fixture.Client(People.Security);
        Assert.Contains(fixture.ConfidentialCanary, await security.GetStringAsync($"/api/v1/communications/{fixture.Confidential}"), StringComparison.Ordinal);
        Assert.Contains(fixture.ConfidentialCanary, await security.GetStringAsync($"/api/v1/exceptions/{fixture.Exception}"), StringComparison.Ordinal);
        Assert.Contains(fixture.IncidentCanary, await security.GetStringAsync($"/api/v1/incidents/{fixture.Incident}"), StringComparison.Ordinal);
        Assert.Contains(fixture.EmbargoCanary, await security.GetStringAsync($"/api/v1/vulnerabilities/{fixture.Vulnerability}"), StringComparison.Ordinal);
        Assert.Contains(fixture.EmbargoCanary, await fixture.Client(People.Appsec).GetStringAsync($"/api/v1/communications/{fixture.Embargoed}/exports/csaf"),
            StringComparison.Ordinal);
        Assert.Contains(fixture.ConfidentialCanary, await fixture.Client(People.Participant).GetStringAsync($"/api/v1/communications?q=CANARY"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_to_hidden_records_by_outsiders_are_refused_and_change_nothing()
    {
        var before = await fixture.App.SnapshotAsync();
        var failures = await AskAsync(ChangeMatrix.HiddenRecords(fixture));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await fixture.App.SnapshotAsync());
        Assert.Empty(await MailShowingAHiddenRecordAsync());
    }

    [Fact]
    public async Task Mail_about_the_hidden_records_reaches_only_people_who_may_see_them()
    {
        var delivered = await fixture.App.DeliverAsync();

        Assert.NotEmpty(delivered);
        Assert.Empty(await MailShowingAHiddenRecordAsync());
    }

    [Fact]
    public async Task Every_other_change_is_refused_without_a_token_and_to_a_signed_in_outsider()
    {
        var failures = await AskAsync(ChangeMatrix.Others(fixture));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_hidden_record_is_refused_in_the_same_words_as_one_that_does_not_exist()
    {
        var differences = new List<string>();
        foreach (var absent in Probes().Where(p => p.Target == fixture.Nothing))
        {
            var hidden = Probes().Where(p => p.Method == absent.Method && p.Route == absent.Route && p.Target is not "" && p.Target != fixture.Nothing);
            foreach (var probe in hidden)
            {
                foreach (var persona in probe.Askers.Where(p => !p.Anonymous && probe.Expected(p) == 404 && absent.Askers.Contains(p)))
                {
                    var answer = Refusal(await SendAsync(persona, probe), probe.Target);
                    var nothing = Refusal(await SendAsync(persona, absent), fixture.Nothing);
                    if (answer != nothing)
                    {
                        differences.Add($"{probe} as {persona}: \"{answer}\", where a record that does not exist gets \"{nothing}\"");
                    }
                }
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static string Refusal((int Status, string Body) response, string id)
    {
        using var problem = JsonDocument.Parse(response.Body);
        var detail = problem.RootElement.TryGetProperty("detail", out var text) ? text.GetString() : null;
        return $"{response.Status} {detail?.Replace(id, "{id}", StringComparison.OrdinalIgnoreCase)}";
    }

    private IEnumerable<Probe> Probes() => ReadMatrix.For(fixture).Concat(ChangeMatrix.HiddenRecords(fixture)).Concat(ChangeMatrix.Others(fixture));

    private async Task<List<string>> AskAsync(IEnumerable<Probe> probes)
    {
        var failures = new List<string>();
        foreach (var probe in probes)
        {
            foreach (var persona in probe.Askers)
            {
                var (status, body) = await SendAsync(persona, probe);
                failures.AddRange(Mismatches(persona, probe, status, body));
            }
        }
        return failures;
    }

    /// <summary>Plans and sends every notification due, then lists each email that shows its recipient a canary hidden from them.</summary>
    private async Task<List<string>> MailShowingAHiddenRecordAsync() =>
        [.. (await fixture.App.DeliverAsync())
            .SelectMany(mail => fixture.HiddenFrom(mail.To)
                .Where(canary => mail.Subject.Contains(canary, StringComparison.Ordinal) || mail.Body.Contains(canary, StringComparison.Ordinal))
                .Select(canary => $"{mail.To} was sent \"{mail.Subject}\", which shows {canary}"))];

    private async Task<(int Status, string Body)> SendAsync(Persona persona, Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        request.Content = probe.Body switch
        {
            null => null,
            RawBody raw => new StringContent(raw.Text, Encoding.UTF8, raw.MediaType),
            var json => JsonContent.Create(json),
        };
        if (probe.Method != "GET")
        {
            request.Headers.TryAddWithoutValidation("If-Match", "*");
        }
        using var response = await fixture.Client(persona).SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private IEnumerable<string> Mismatches(Persona persona, Probe probe, int status, string body)
    {
        var expected = probe.Expected(persona);
        if (status != expected)
        {
            yield return $"{probe} as {persona}: expected {expected}, got {status}: {Shorten(body)}";
        }
        foreach (var canary in fixture.HiddenFrom(persona).Where(c => body.Contains(c, StringComparison.Ordinal)))
        {
            yield return $"{probe} as {persona}: the body shows {canary}";
        }
    }

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
