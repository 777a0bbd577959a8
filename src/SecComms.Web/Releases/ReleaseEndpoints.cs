using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecComms.Core.Identity;
using SecComms.Core.Releases;
using SecComms.Core.Workflow;
using SecComms.Web.Hosting;

namespace SecComms.Web.Releases;

/// <summary>Security releases: plan, bundle vulnerabilities, prepare (generate communications), publish.</summary>
public static class ReleaseEndpoints
{
    public static RouteGroupBuilder MapReleaseEndpoints(this RouteGroupBuilder api)
    {
        var releases = api.MapGroup("/releases")
            .WithTags("Releases")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        releases.MapGet("/", async (SecurityReleases service, string? status, string? kind, string? q, string? reference, string? cursor, int? limit,
                CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(new ReleaseFilter(QueryEnum.Parse<ReleaseStatus>(status, "status"),
                    QueryEnum.Parse<ReleaseKind>(kind, "kind"), q, reference, cursor, limit ?? 25), ct)))
            .WithName("ListReleases")
            .WithSummary("Security releases, the most recent first, a page at a time (follow nextCursor); filter by status, kind, q (title or product) and reference (SR-3).");

        releases.MapPost("/", async Task<Created<SecurityReleaseView>> (NewSecurityRelease request, Actor actor, SecurityReleases service,
                CancellationToken ct) =>
            {
                var release = await service.CreateAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/releases/{release.Id}", release);
            })
            .WithName("CreateRelease")
            .WithSummary("Plans a security release with its kind, date, product and versions (security or appsec team).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        releases.MapGet("/{id:guid}", async (Guid id, Actor actor, SecurityReleases service, CancellationToken ct) =>
                TypedResults.Ok(await service.DetailsAsync(actor, id, ct)))
            .WithName("GetRelease")
            .WithSummary("One security release with its vulnerabilities, its communications and their approval state, and any inconsistency between them.");

        releases.MapPut("/{id:guid}/vulnerabilities", async (Guid id, ReleaseVulnerabilitiesRequest request, Actor actor, SecurityReleases service,
                CancellationToken ct) => TypedResults.Ok(await service.SetVulnerabilitiesAsync(actor, id, request, ct)))
            .WithName("SetReleaseVulnerabilities")
            .WithSummary("Replaces the vulnerabilities the release fixes; possible while it is planned.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        releases.MapPost("/{id:guid}/prepare", async (Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PrepareRequest? request, Actor actor,
                ReleasePackages packages, CancellationToken ct) => TypedResults.Ok(await packages.PrepareAsync(actor, id, request, ct)))
            .WithName("PrepareRelease")
            .WithSummary("Generates the blog post, the customer email and one advisory per vulnerability from the policy's release templates; with safe, audience and submit, also answers the package's SAFE questions, addresses the customer email and submits everything.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        releases.MapGet("/{id:guid}/package", async (Guid id, Actor actor, ReleasePackages packages, CancellationToken ct) =>
                TypedResults.Ok(await packages.GetAsync(actor, id, ct)))
            .WithName("GetReleasePackage")
            .WithSummary("Every communication the release generated that you may see, side by side with its text, package hash and whether it waits on you.");

        releases.MapPut("/{id:guid}/safe", async (Guid id, SafeRequest request, Actor actor, ReleasePackages packages, CancellationToken ct) =>
                TypedResults.Ok(await packages.AnswerSafeAsync(actor, id, request, ct)))
            .WithName("AnswerReleaseSafe")
            .WithSummary("Answers the SAFE questions once for the package: every communication of it not yet out that has no answers of its own takes these.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        releases.MapPost("/{id:guid}/submit", async (Guid id, Actor actor, ReleasePackages packages, CancellationToken ct) =>
                TypedResults.Ok(await packages.SubmitAsync(actor, id, ct)))
            .WithName("SubmitReleasePackage")
            .WithSummary("Submits every draft of the package for review, or none, naming each that is not ready to be submitted.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        releases.MapPost("/{id:guid}/approvals", async (Guid id, PackageDecisionsRequest request, Actor actor, ReleasePackages packages, CancellationToken ct) =>
                TypedResults.Ok(await packages.ApproveAsync(actor, id, request, ct)))
            .WithName("ApproveReleasePackage")
            .WithSummary("Approves for your stage each communication named, on the package hash you were shown for it; a stale hash or one not waiting on you refuses the whole batch.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        releases.MapPost("/{id:guid}/ship-with-release", async (Guid id, Actor actor, ReleasePackages packages, CancellationToken ct) =>
                TypedResults.Ok(await packages.ShipWithReleaseAsync(actor, id, ct)))
            .WithName("ArmReleasePackage")
            .WithSummary("Arms every approved communication of the package to be published with the release, or none, naming what stops each.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        releases.MapPost("/{id:guid}/publish", async (Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PublishReleaseRequest? request, Actor actor, SecurityReleases service, CancellationToken ct) =>
                TypedResults.Ok(await service.PublishAsync(actor, id, request, ct)))
            .WithName("PublishRelease")
            .WithSummary("Marks the release as shipped: its vulnerabilities are released, the fix-released gate of its communications opens, and the communications armed to ship with it are published in the same transaction.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
