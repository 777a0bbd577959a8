using Microsoft.AspNetCore.Http.HttpResults;
using SecComms.Core.Identity;
using SecComms.Web.Authentication;

namespace SecComms.Web.Identity;

/// <summary>People and service accounts, for administrators: <see cref="People"/> decides every rule.</summary>
public static class PeopleEndpoints
{
    public sealed record NewTokenForRequest(string? Name, int? ExpiresInDays);

    public static RouteGroupBuilder MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People").RequireAuthorization(AuthPolicies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        people.MapGet("/", async (Actor actor, People service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(actor, ct)))
            .WithName("ListPeople")
            .WithSummary("Everyone, people and service accounts: teams, role, whether active, last sign-in and last token use.");

        people.MapGet("/{id:guid}", async (Guid id, Actor actor, People service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(actor, id, ct)))
            .WithName("GetPerson")
            .WithSummary("One person: what you may do to them (allowed, and refused with the reason), what they hold that someone must take over, and their tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        people.MapPost("/", async Task<Created<PersonAdded>> (NewPerson request, Actor actor, People service, CancellationToken ct) =>
            {
                var added = await service.AddAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/people/{added.Details.Person.Id}", added);
            })
            .WithName("AddPerson")
            .WithSummary("Adds a person without a password, with teams you are in; unless invite is false, emails them a one-time link to choose one, valid 72 hours, which this answer shows once. The security team is told.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        people.MapPost("/service-accounts", async Task<Created<PersonDetails>> (NewServiceAccount request, Actor actor, People service, CancellationToken ct) =>
            {
                var account = await service.AddServiceAccountAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/people/{account.Person.Id}", account);
            })
            .WithName("AddServiceAccount")
            .WithSummary("Adds a service account: no password, never signs in to the pages; it acts through tokens an administrator issues.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        people.MapPatch("/{id:guid}", async (Guid id, PersonChange request, Actor actor, People service, CancellationToken ct) =>
                TypedResults.Ok(await service.ChangeAsync(actor, id, request, ct)))
            .WithName("ChangePerson")
            .WithSummary("Sets teams (the whole list; you may add only teams you are in), role, or both. The last administrator keeps the role. The security team is told.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        people.MapPost("/{id:guid}/deactivate", async (Guid id, Actor actor, People service, CancellationToken ct) =>
                TypedResults.Ok(await service.DeactivateAsync(actor, id, ct)))
            .WithName("DeactivatePerson")
            .WithSummary("Ends their sessions and revokes their tokens at once; their history stays. The answer lists what they hold. Never yourself, never the last administrator.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        people.MapPost("/{id:guid}/reactivate", async (Guid id, Actor actor, People service, CancellationToken ct) =>
                TypedResults.Ok(await service.ReactivateAsync(actor, id, ct)))
            .WithName("ReactivatePerson")
            .WithSummary("Lets them sign in again with their password (administrators in every one of their teams). Revoked tokens stay revoked.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        people.MapPost("/{id:guid}/reset-password", async (Guid id, Actor actor, People service, CancellationToken ct) =>
                TypedResults.Ok(await service.ResetPasswordAsync(actor, id, ct)))
            .WithName("ResetPassword")
            .WithSummary("Emails them a one-time link to choose a new password, valid 72 hours, which this answer shows once (administrators in every one of their teams).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        people.MapPost("/{id:guid}/tokens", async Task<Created<IssuedToken>> (Guid id, NewTokenForRequest request, Actor actor, People service, CancellationToken ct) =>
            {
                var token = await service.IssueTokenAsync(actor, id, request.Name, request.ExpiresInDays, ct);
                return TypedResults.Created($"/api/v1/people/{id}", token);
            })
            .WithName("IssueServiceAccountToken")
            .WithSummary("Issues a token of a service account's (administrators in every one of its teams); its secret is in this answer only.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        people.MapDelete("/{id:guid}/tokens/{tokenId:guid}", async (Guid id, Guid tokenId, Actor actor, People service, CancellationToken ct) =>
                TypedResults.Ok(await service.RevokeTokenAsync(actor, id, tokenId, ct)))
            .WithName("RevokePersonToken")
            .WithSummary("Revokes one of a person's or service account's tokens at once; the record stays for the audit trail.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
