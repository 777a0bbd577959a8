using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Identity.SingleSignOn;
using SecComms.Core.Policy;
using SecComms.Web.Identity;

namespace SecComms.Web.Pages;

/// <summary>Creates the first administrator through the one-time link printed at start-up.</summary>
public sealed class SetupModel(FirstAdministratorSetup setup, UserDirectory users, SecCommsPolicy policy, IOptions<AccountOptions> accounts,
    PasswordSignIn passwords, IOptions<SingleSignOnOptions> singleSignOn)
    : PageModel
{
    /// <summary>Whoever holds the one-time code while no administrator exists controls the installation, so may grant any team.</summary>
    private static readonly TeamGrantor Grantor = new TeamGrantor.InstallationOperator("setup", "The first-administrator setup");

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Teams { get; set; } = [];

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool Closed { get; private set; }

    public IEnumerable<Team> AvailableTeams => policy.Teams.Values;

    public int MinimumPasswordLength => accounts.Value.MinimumPasswordLength;

    /// <summary>With password sign-in off, the administrator signs in through the provider by this email, so is asked no password.</summary>
    public bool AsksPassword => passwords.Enabled;

    public string Provider => singleSignOn.Value.DisplayName;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync(cancellationToken))
        {
            return Refuse();
        }
        Teams = [Actor.SecurityTeam];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync(cancellationToken))
        {
            return Refuse();
        }
        if (AsksPassword && !string.Equals(Password, ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "The two passwords are not the same.");
            return Page();
        }
        if (!setup.TryConsume(Code))
        {
            return Refuse();
        }
        Teams = [.. Teams.Where(t => !string.IsNullOrWhiteSpace(t))];
        var created = false;
        try
        {
            var user = await users.AddAsync(new NewUser(Email, Name, Teams, UserRole.Admin, AsksPassword ? Password ?? "" : null), Grantor, cancellationToken);
            created = true;
            await SignInModel.SignInAsync(HttpContext, user);
            return LocalRedirect("/");
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(Email), nameof(Name), nameof(Teams), nameof(Password));
        }
        catch (ConflictException e)
        {
            ModelState.AddModelError(nameof(Email), PlainWords.Of(e.Message));
        }
        finally
        {
            if (!created)
            {
                setup.Release();
            }
        }
        return Page();
    }

    private async Task<bool> IsOpenAsync(CancellationToken cancellationToken) =>
        setup.Matches(Code) && !await users.AnyAdministratorAsync(cancellationToken);

    private PageResult Refuse()
    {
        Closed = true;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
