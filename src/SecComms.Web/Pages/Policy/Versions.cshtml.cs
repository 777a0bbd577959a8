using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Policy;

/// <summary>Every policy that has been in force, newest first: who put it in force, when, from where, and what it changed.</summary>
public sealed class VersionsModel(PolicyVersions versions, SecCommsPolicy policy) : PageModel
{
    public IReadOnlyList<PolicyVersionSummary> Versions { get; private set; } = [];

    public string InForceHash => policy.Hash;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Versions = await versions.ListAsync(cancellationToken);
}
