using System.Text.Json;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every API endpoint, as every kind of person: the status each gets, that no one is shown a record a rule hides from
/// them, even in a list or an error, and that every change is carried out for those allowed and for no one else.
/// </summary>
[Collection(MatrixFixture.Name)]
public sealed class AuthorizationMatrixTests(MatrixFixture fixture)
{
    private MatrixRecords Records => fixture.Records;

    [Fact]
    public async Task Every_read_answers_each_person_as_the_matrix_says_and_shows_no_hidden_record()
    {
        await fixture.RestoreAsync();
        var runner = new MatrixRunner(fixture);

        await runner.AskAsync(ReadMatrix.For(fixture));

        Assert.True(runner.Failures.Count == 0, string.Join("\n", runner.Failures));
        Assert.Empty(await fixture.Fresh.ChangedTablesAsync());
    }

    [Fact]
    public async Task The_hidden_records_carry_their_canaries_for_the_people_who_may_see_them()
    {
        await fixture.RestoreAsync();
        var security = fixture.Client(People.Security);
        Assert.Contains(fixture.ConfidentialCanary, await security.GetStringAsync($"/api/v1/communications/{Records.Confidential}"), StringComparison.Ordinal);
        Assert.Contains(fixture.ConfidentialCanary, await security.GetStringAsync($"/api/v1/exceptions/{Records.Exception}"), StringComparison.Ordinal);
        Assert.Contains(fixture.IncidentCanary, await security.GetStringAsync($"/api/v1/incidents/{Records.Incident}"), StringComparison.Ordinal);
        Assert.Contains(fixture.EmbargoCanary, await security.GetStringAsync($"/api/v1/vulnerabilities/{Records.Vulnerability}"), StringComparison.Ordinal);
        Assert.Contains(fixture.EmbargoCanary, await fixture.Client(People.Appsec).GetStringAsync($"/api/v1/communications/{Records.Embargoed}/exports/csaf"),
            StringComparison.Ordinal);
        Assert.Contains(fixture.ConfidentialCanary, await fixture.Client(People.Participant).GetStringAsync($"/api/v1/communications?q=CANARY"),
            StringComparison.Ordinal);
        Assert.Contains(fixture.BuildMail, mail => mail.Subject.Contains(fixture.ConfidentialCanary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_change_is_carried_out_for_those_allowed_and_refused_to_everyone_else_changing_nothing()
    {
        var runner = new MatrixRunner(fixture);

        await runner.AskAsync(ChangeMatrix.All(fixture));

        Assert.True(runner.Failures.Count == 0, string.Join("\n", runner.Failures));
        Assert.True(runner.WebhooksReceived > 0, "No publication reached the webhook receiver, so webhooks were not checked.");
        Assert.True(runner.MailSent > 0, "No change sent any email, so email was not checked.");
    }

    [Fact]
    public void Mail_sent_while_the_fixtures_were_built_reaches_only_people_who_may_see_what_it_shows()
    {
        var leaks = fixture.BuildMail.SelectMany(mail => fixture.HiddenFrom(mail.To)
            .Where(canary => mail.Subject.Contains(canary, StringComparison.Ordinal) || mail.Body.Contains(canary, StringComparison.Ordinal))
            .Select(canary => $"{mail.To} was sent \"{mail.Subject}\", which shows {canary}"));

        Assert.NotEmpty(fixture.BuildMail);
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task A_hidden_record_is_refused_in_the_same_words_as_one_that_does_not_exist()
    {
        var runner = new MatrixRunner(fixture);
        var probes = ReadMatrix.For(fixture).Concat(ChangeMatrix.All(fixture)).ToList();
        var differences = new List<string>();
        foreach (var absent in probes.Where(p => p.Target == MatrixRecords.Nothing))
        {
            var hidden = probes.Where(p => p.Method == absent.Method && p.Route == absent.Route && p.Target is not "" && p.Target != MatrixRecords.Nothing);
            foreach (var probe in hidden)
            {
                foreach (var persona in People.All.Where(p => !p.Anonymous && probe.Expected(p).Status == 404 && absent.Expected(p).Status == 404))
                {
                    await fixture.RestoreAsync();
                    var answer = Refusal(await runner.SendAsync(persona, probe), probe.Target);
                    var nothing = Refusal(await runner.SendAsync(persona, absent), MatrixRecords.Nothing);
                    if (answer != nothing)
                    {
                        differences.Add($"{probe} as {persona}: \"{answer}\", where a record that does not exist gets \"{nothing}\"");
                    }
                }
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static string Refusal(PageResponse response, string id)
    {
        using var problem = JsonDocument.Parse(response.Body);
        var detail = problem.RootElement.TryGetProperty("detail", out var text) ? text.GetString() : null;
        return $"{response.Status} {detail?.Replace(id, "{id}", StringComparison.OrdinalIgnoreCase)}";
    }
}
