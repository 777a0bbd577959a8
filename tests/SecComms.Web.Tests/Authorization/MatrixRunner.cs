using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Asks the matrix's probes as every persona and collects each way an answer differs from the matrix: the status, a
/// redirect to sign in, whether the records changed, and any canary shown to someone it is hidden from, in the
/// response, in the email sent because of the call, or in a webhook.
/// </summary>
/// <remarks>
/// Reads are asked of the fixtures as they stand; each state-changing call is asked of a fresh copy of them, and the
/// email and webhooks it caused are sent before the next.
/// </remarks>
public sealed partial class MatrixRunner(MatrixFixture fixture)
{
    public List<string> Failures { get; } = [];

    /// <summary>How many emails the changes sent, each read for canaries.</summary>
    public int MailSent { get; private set; }

    /// <summary>How many webhook requests reached the receiver, all carrying no canary.</summary>
    public int WebhooksReceived { get; private set; }

    public async Task AskAsync(IEnumerable<Probe> probes)
    {
        foreach (var probe in probes)
        {
            foreach (var persona in People.All)
            {
                await AskAsync(probe.ToString(), persona, probe.Expected(persona), probe.Changes, () => SendAsync(persona, probe));
            }
        }
    }

    public async Task AskAsync(IEnumerable<PageProbe> probes)
    {
        foreach (var probe in probes)
        {
            foreach (var persona in People.All)
            {
                var token = probe.Changes ? await fixture.Pages.TokenAsync(persona, probe.PagePath) : "";
                await AskAsync(probe.ToString(), persona, probe.Expected(persona), probe.Changes, () => probe.Changes
                    ? fixture.Pages.PostAsync(persona, probe.Path, Filled(probe.Form ?? PageForm.Empty, persona), token)
                    : fixture.Pages.GetAsync(persona, probe.Path));
            }
        }
    }

    public async Task AskAsync(IEnumerable<PublicProbe> probes)
    {
        foreach (var probe in probes)
        {
            foreach (var persona in People.All)
            {
                await AskAsync(probe.ToString(), persona, probe.Expected(persona), probe.Changes, () => probe.Changes
                    ? fixture.Pages.PostAsync(persona, probe.Path, new PageForm(probe.Form ?? new Dictionary<string, string>()), token: "")
                    : fixture.Pages.GetAsync(persona, probe.Path));
            }
        }
    }

    /// <summary>Sends one API probe as <paramref name="persona"/>, with a token unless anonymous.</summary>
    public async Task<PageResponse> SendAsync(Persona persona, Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        request.Content = probe.Body switch
        {
            null => null,
            RawBody raw => new StringContent(raw.Text, Encoding.UTF8, raw.MediaType),
            var json => JsonContent.Create(json),
        };
        if (probe.Changes)
        {
            request.Headers.TryAddWithoutValidation("If-Match", "*");
        }
        using var response = await fixture.Client(persona).SendAsync(request);
        return new((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    private async Task AskAsync(string what, Persona persona, Outcome expected, bool changes, Func<Task<PageResponse>> send)
    {
        if (changes)
        {
            await fixture.RestoreAsync();
        }
        var response = await send();
        var changed = changes ? await fixture.Fresh.ChangedTablesAsync() : [];
        var got = new Outcome(response.Status, changed.Count > 0, response.Location?.Contains("/signin", StringComparison.OrdinalIgnoreCase) == true);
        if (got != expected)
        {
            Failures.Add($"{what} as {persona}: expected {expected}, got {got}{(changed.Count > 0 ? $" ({string.Join(", ", changed)})" : "")}: {Shorten(response.Body)}");
        }
        Failures.AddRange(fixture.HiddenFrom(persona).Where(c => response.Body.Contains(c, StringComparison.Ordinal))
            .Select(c => $"{what} as {persona}: the response shows {c}"));
        if (changed.Count > 0)
        {
            await CheckWhatWasSentAsync($"{what} as {persona}");
        }
    }

    /// <summary>Sends the email and webhooks the call caused: no one may be mailed a canary hidden from them, and no webhook may carry one.</summary>
    private async Task CheckWhatWasSentAsync(string call)
    {
        foreach (var mail in await fixture.DeliverAsync())
        {
            MailSent++;
            Failures.AddRange(fixture.HiddenFrom(mail.To)
                .Where(c => mail.Subject.Contains(c, StringComparison.Ordinal) || mail.Body.Contains(c, StringComparison.Ordinal))
                .Select(c => $"{call}: {mail.To} was sent \"{mail.Subject}\", which shows {c}"));
        }
        while (fixture.Webhooks.Requests.TryDequeue(out var webhook))
        {
            WebhooksReceived++;
            Failures.AddRange(fixture.Canaries.Where(c => webhook.Body.Contains(c, StringComparison.Ordinal))
                .Select(c => $"{call}: a webhook was sent {c}"));
        }
    }

    /// <summary>Fills in the persona's own email where a form names the person posting it, as the sign-in form does.</summary>
    private PageForm Filled(PageForm form, Persona persona) =>
        form with
        {
            Fields = form.Fields.ToDictionary(f => f.Key,
                f => f.Value.Replace(PageChangeMatrix.OwnEmail, persona.Anonymous ? "nobody@example.com" : fixture.Email(persona), StringComparison.Ordinal)),
        };

    /// <summary>The start of a response: for a page, the text of its main part, where a refusal or an error says why.</summary>
    private static string Shorten(string body)
    {
        var main = body.IndexOf("<main", StringComparison.Ordinal);
        var text = main < 0 ? body : Whitespace().Replace(Tags().Replace(body[main..], " "), " ").Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
