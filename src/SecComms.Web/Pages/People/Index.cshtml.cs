using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Identity.SingleSignOn;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.People;

/// <summary>Everyone, with teams, role, status and last sign-in; invite a person (the link shown once) or add a service account.</summary>
[AdministratorsOnly]
public sealed class IndexModel(Core.Identity.People people, SecCommsPolicy policy, Actor actor, IOptions<SingleSignOnOptions> singleSignOn) : PageModel
{
    /// <summary>Whether people sign in with passwords, so that an added person is sent a link to choose one.</summary>
    public bool LocalPasswords => singleSignOn.Value.LocalPasswords;

    public string Provider => singleSignOn.Value.DisplayName;

    [BindProperty]
    public PersonForm Person { get; set; } = new();

    [BindProperty]
    public PersonForm Account { get; set; } = new();

    public IReadOnlyList<PersonSummary> Everyone { get; private set; } = [];

    /// <summary>The person just added and their invitation: present only in the response to the request that added them.</summary>
    public PersonAdded? Added { get; private set; }

    /// <summary>Which form the errors on the page belong to.</summary>
    public string? FailedForm { get; private set; }

    public IReadOnlyList<Team> GrantableTeams =>
        [.. policy.Teams.Values.Where(t => TeamGrants.NotTheirs(new TeamGrantor.Person(actor), [t.Key]).Count == 0)];

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Everyone = await people.ListAsync(actor, cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        try
        {
            Added = await people.AddAsync(actor, new NewPerson(Person.Email, Person.Name, Person.Teams, Person.Role, Person.Invite), cancellationToken);
            if (Added.Link is null)
            {
                Flash = $"{Added.Details.Person.Name} was added. They cannot sign in until you reset their password.";
                return RedirectToPage("/People/Person", new { id = Added.Details.Person.Id });
            }
            Response.Headers.CacheControl = "no-store";
            ModelState.Clear();
            Person = new PersonForm();
        }
        catch (Exception e) when (e is ValidationException or ForbiddenException or ConflictException)
        {
            FailedForm = "person";
            Refused(e, "Person");
        }
        Everyone = await people.ListAsync(actor, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostServiceAccountAsync(CancellationToken cancellationToken)
    {
        try
        {
            var added = await people.AddServiceAccountAsync(actor, new NewServiceAccount(Account.Email, Account.Name, Account.Teams, Account.Role),
                cancellationToken);
            Flash = $"The service account {added.Person.Name} was added. Issue it a token below.";
            return RedirectToPage("/People/Person", new { id = added.Person.Id });
        }
        catch (Exception e) when (e is ValidationException or ForbiddenException or ConflictException)
        {
            FailedForm = "account";
            Refused(e, "Account");
        }
        Everyone = await people.ListAsync(actor, cancellationToken);
        return Page();
    }

    private void Refused(Exception refusal, string form)
    {
        ModelState.Clear();
        if (refusal is ValidationException invalid)
        {
            ModelState.AddErrors(invalid, key => key is "email" or "name" or "teams" ? PageSupport.InputOf(form, key) : "");
        }
        else
        {
            ModelState.AddModelError(PageSupport.InputOf(form, refusal is ConflictException ? "email" : "teams"), refusal.Message);
        }
    }
}
