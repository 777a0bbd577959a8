using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Core.Workflow;

namespace SecComms.Core.Seeding;

/// <summary>
/// Fills a database through Core's own services, one scope per step, so every record obeys the same rules, audit trail
/// and notifications as one made by a person. The demo company and larger data sets are built from these steps.
/// </summary>
public sealed class Seeder(IServiceProvider services)
{
    public async Task<TResult> UseAsync<TService, TResult>(Func<TService, Task<TResult>> step, CancellationToken cancellationToken)
        where TService : notnull
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = services.CreateAsyncScope();
        return await step(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>
    /// Runs <paramref name="count"/> steps, <paramref name="batchSize"/> at a time in one scope and one write scope: each step
    /// takes its services from the batch's scope, so its changes and audit events join the batch's transaction.
    /// </summary>
    /// <remarks>
    /// Large data sets are built this way: a transaction per record would spend most of its time committing. A step Core
    /// refuses rolls back its whole batch. <paramref name="done"/> is told how many steps have committed after each batch.
    /// </remarks>
    public async Task BatchAsync(int count, int batchSize, Func<IServiceProvider, int, Task> step, Action<int>? done, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (var first = 0; first < count; first += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var last = Math.Min(count, first + batchSize);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SecCommsDb>();
            await scope.ServiceProvider.GetRequiredService<WriteScope>().RunAsync(async () =>
            {
                for (var i = first; i < last; i++)
                {
                    await step(scope.ServiceProvider, i);
                    Forget(db, i);
                }
            }, cancellationToken);
            done?.Invoke(last);
        }
    }

    /// <summary>
    /// Stops tracking what a finished step saved, so the next one does not carry it: Core's services read what they need
    /// again from the batch's transaction.
    /// </summary>
    private static void Forget(SecCommsDb db, int step)
    {
        if (db.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException($"Seeding step {step} left changes it did not save.");
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>Adds a person with a new random password, which is returned once and stored only hashed.</summary>
    public async Task<SeededPerson> PersonAsync(string email, string name, IReadOnlyList<string> teams, UserRole role, CancellationToken cancellationToken)
    {
        var password = RandomPassword();
        var user = await UseAsync<UserDirectory, User>(d => d.AddAsync(new NewUser(email, name, teams, role, password),
            new TeamGrantor.InstallationOperator("seed", "The demo data"), cancellationToken), cancellationToken);
        return new SeededPerson(Actor.From(user), name, password);
    }

    public Task<CommunicationView> CommunicationAsync(Actor author, string category, string title, string body, string? emailBody,
        CancellationToken cancellationToken, bool? confidential = null, IReadOnlyList<string>? participants = null) =>
        UseAsync<CommunicationService, CommunicationView>(s => s.CreateAsync(author, new NewCommunication(category, title, confidential,
            new ContentInput(null, body, null, emailBody, $"{title}.", null), participants), cancellationToken), cancellationToken);

    /// <summary>Answers the SAFE questions with no risk flagged, unless the category needs none, and submits it.</summary>
    public async Task<CommunicationView> SubmitAsync(Actor author, CommunicationView communication, CancellationToken cancellationToken)
    {
        if (!communication.Confidential)
        {
            await UseAsync<WorkflowService, SafeView>(w => w.AnswerSafeAsync(author, communication.Id, NoRisk, cancellationToken), cancellationToken);
        }
        return await UseAsync<WorkflowService, CommunicationView>(w => w.SubmitAsync(author, communication.Id, cancellationToken), cancellationToken);
    }

    /// <summary>Each approver decides, in order, on the package as it stands when they read it.</summary>
    public async Task<CommunicationView> ApproveAsync(Guid id, IEnumerable<Actor> approvers, CancellationToken cancellationToken)
    {
        foreach (var approver in approvers)
        {
            var current = await UseAsync<CommunicationService, CommunicationView>(s => s.GetAsync(approver, id, cancellationToken), cancellationToken);
            await UseAsync<WorkflowService, ApprovalView>(w => w.DecideAsync(approver, id,
                new DecisionRequest(null, "approve", current.PackageHash, null), cancellationToken), cancellationToken);
        }
        return await UseAsync<CommunicationService, CommunicationView>(s => s.GetAsync(approvers.Last(), id, cancellationToken), cancellationToken);
    }

    public static readonly SafeRequest NoRisk = new(false, true, false, false, "Reviewed with the owner team.");

    /// <summary>Sixteen characters from a 56-letter alphabet without look-alikes: about 92 bits.</summary>
    private static string RandomPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }
}

/// <summary>A person the seed added, with the password they sign in with.</summary>
public sealed record SeededPerson(Actor Actor, string Name, string Password);
