using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Tokens;

/// <summary>The signed-in person's personal access tokens: issue one (its secret shown once), revoke one.</summary>
public sealed class IndexModel(AccessTokens tokens, Actor actor, IOptions<AccountOptions> accounts, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int? ExpiresInDays { get; set; }

    public IReadOnlyList<IssuedToken> Tokens { get; private set; } = [];

    /// <summary>The token just issued, with its secret: present only in the response to the request that created it.</summary>
    public IssuedToken? Created { get; private set; }

    public int MaximumDays => accounts.Value.MaximumTokenLifetimeDays;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ExpiresInDays = accounts.Value.DefaultTokenLifetimeDays;
        Tokens = await tokens.ListAsync(actor, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            Created = await tokens.IssueAsync(actor, Name, ExpiresInDays, notAfter: null, cancellationToken);
            Response.Headers.CacheControl = "no-store";
            ModelState.Clear();
            Name = null;
            ExpiresInDays = accounts.Value.DefaultTokenLifetimeDays;
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(Name), nameof(ExpiresInDays));
        }
        Tokens = await tokens.ListAsync(actor, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!this.Confirms("revoking the token"))
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }
        try
        {
            var revoked = await tokens.RevokeAsync(actor, id, cancellationToken);
            Flash = $"The token \"{revoked.Name}\" is revoked. Anything still using it is refused from now on.";
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        return RedirectToPage();
    }

    public string State(IssuedToken token) =>
        token.RevokedAt is not null ? "Revoked" : token.ExpiresAt <= time.GetUtcNow() ? "Expired" : "Active";
}
