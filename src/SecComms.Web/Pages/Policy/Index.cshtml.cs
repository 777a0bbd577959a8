using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Policy;

/// <summary>The policy in force as people read it: per category, who owns it, who approves in which order, who is told, what holds it back.</summary>
public sealed class IndexModel(PolicyStore store, PolicyVersions versions, Actor actor) : PageModel
{
    public SecCommsPolicy Policy { get; } = store.Current;

    /// <summary>The recorded version this node has in force, if it is recorded yet.</summary>
    public PolicyVersionSummary? InForce { get; private set; }

    public bool MayReplace => PolicyVersions.MayReplace(actor);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        InForce = (await versions.ListAsync(cancellationToken)).FirstOrDefault(v => v.Hash == Policy.Hash);
}
