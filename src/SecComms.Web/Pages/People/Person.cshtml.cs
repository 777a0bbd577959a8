using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.People;

/// <summary>
/// One person or service account: what they hold, and the forms to change their teams and role, deactivate or reactivate
/// them, reset their password (the link shown once), and issue or revoke a service account's tokens.
/// </summary>
[AdministratorsOnly]
public sealed class PersonModel(Core.Identity.People people, SecCommsPolicy policy, Actor actor, IOptions<AccountOptions> accounts) : PageModel
{
    [BindProperty]
    public List<string> Teams { get; set; } = [];

    /// <summary>The role chosen; none leaves the role as it is.</summary>
    [BindProperty]
    public UserRole? Role { get; set; }

    [BindProperty]
    public string? TokenName { get; set; }

    [BindProperty]
    public int? ExpiresInDays { get; set; }

    public PersonDetails Details { get; private set; } = null!;

    public PersonSummary Person => Details.Person;

    /// <summary>The reset link just made: present only in the response to the request that made it.</summary>
    public PasswordLinkIssued? Link { get; private set; }

    /// <summary>The token just issued, with its secret: present only in the response to the request that issued it.</summary>
    public IssuedToken? Issued { get; private set; }

    public IReadOnlyList<Team> AllTeams => [.. policy.Teams.Values];

    public int MaximumDays => accounts.Value.MaximumTokenLifetimeDays;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public bool SeesIncidents => actor.IsInTeam(Actor.SecurityTeam);

    public bool May(PersonAction action) => Details.Allowed.Contains(action);

    public string? Refusal(PersonAction action) => Details.Refused.FirstOrDefault(r => r.Action == action)?.Reason;

    /// <summary>A team the reader may not give: its box stays as it is unless the person already has it (then it may be taken away).</summary>
    public bool MayNotGive(string team) => TeamGrants.NotTheirs(new TeamGrantor.Person(actor), [team]).Count > 0;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, async () =>
        {
            var changed = await people.ChangeAsync(actor, id, new PersonChange(Teams, Role), cancellationToken);
            Flash = $"{changed.Person.Name} is now {PeopleDisplay.Role(changed.Person.Role).ToLowerInvariant()} with "
                + (changed.Person.Teams.Count == 0 ? "no teams." : $"teams {string.Join(", ", changed.Person.Teams)}.");
            return RedirectToPage(new { id });
        }, nameof(Teams), cancellationToken);

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, async () =>
        {
            var deactivated = await people.DeactivateAsync(actor, id, cancellationToken);
            Flash = $"{deactivated.Person.Name} is deactivated: their sessions ended and their tokens are revoked. Hand over what they hold, below.";
            return RedirectToPage(new { id });
        }, "", cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, async () =>
        {
            var reactivated = await people.ReactivateAsync(actor, id, cancellationToken);
            Flash = $"{reactivated.Person.Name} is active again." + (reactivated.Person.Kind == UserKind.Person
                ? " They sign in with their password, or reset it." : " Issue it a new token.");
            return RedirectToPage(new { id });
        }, "", cancellationToken);

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, async () =>
        {
            var reset = await people.ResetPasswordAsync(actor, id, cancellationToken);
            Link = reset.Link;
            Response.Headers.CacheControl = "no-store";
            return await LoadAsync(id, cancellationToken) ?? Page();
        }, "", cancellationToken);

    public async Task<IActionResult> OnPostIssueTokenAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, async () =>
        {
            Issued = await people.IssueTokenAsync(actor, id, TokenName, ExpiresInDays, cancellationToken);
            Response.Headers.CacheControl = "no-store";
            (TokenName, ExpiresInDays) = (null, accounts.Value.DefaultTokenLifetimeDays);
            ModelState.Clear();
            return await LoadAsync(id, cancellationToken) ?? Page();
        }, nameof(TokenName), cancellationToken);

    public async Task<IActionResult> OnPostRevokeTokenAsync(Guid id, Guid tokenId, CancellationToken cancellationToken) =>
        !this.Confirms("revoking the token") ? await LoadAsync(id, cancellationToken) ?? Page() : await ActAsync(id, async () =>
        {
            var revoked = await people.RevokeTokenAsync(actor, id, tokenId, cancellationToken);
            Flash = $"The token \"{revoked.Name}\" is revoked. Anything still using it is refused from now on.";
            return RedirectToPage(new { id });
        }, "", cancellationToken);

    /// <summary>Carries out an action; a refusal shows the page again with the reason, beside <paramref name="field"/> when it names a field.</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<IActionResult>> action, string field, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, key => key switch
            {
                "teams" => nameof(Teams),
                "name" => nameof(TokenName),
                "expiresInDays" => nameof(ExpiresInDays),
                _ => "",
            });
        }
        catch (Exception e) when (e is ForbiddenException or ConflictException)
        {
            ModelState.AddModelError(field, e.Message);
        }
        return await LoadAsync(id, cancellationToken, keepTeams: field == nameof(Teams)) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken, bool keepTeams = false)
    {
        try
        {
            Details = await people.GetAsync(actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        if (!keepTeams)
        {
            (Teams, Role) = ([.. Person.Teams], Person.Role);
        }
        ExpiresInDays ??= accounts.Value.DefaultTokenLifetimeDays;
        return null;
    }
}
