using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Audit;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Core.Tests.Audit;

/// <summary>Checks the chain the way docs/audit-trail.md tells an outside verifier to, from the rows alone.</summary>
public sealed class DocumentedHashTests
{
    [Fact]
    public async Task Every_hash_can_be_recomputed_from_the_documented_recipe()
    {
        await using var database = await TestDatabase.CreateMigratedAsync("sqlite");
        await using var services = database.CreateServices();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserDirectory>()
                .AddAsync(new NewUser("zoë@example.com", "Zoë <Ops> & \"Co\"", ["security"], UserRole.Admin, null), new TeamGrantor.InstallationOperator("cli", "An operator on the database"), CancellationToken.None);
        }
        await using var db = database.CreateContext();

        var previous = new string('0', 64);
        foreach (var e in db.AuditEvents.OrderBy(e => e.Seq).ToList())
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("Seq", e.Seq);
                json.WriteString("At", e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                json.WriteString("Actor", e.Actor);
                json.WriteString("Action", e.Action);
                json.WriteString("Entity", e.Entity);
                json.WriteString("Data", e.Data);
                json.WriteEndObject();
            }
            var canonical = Encoding.UTF8.GetString(buffer.ToArray());
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + "\n" + canonical)));

            Assert.Equal(previous, e.PrevHash);
            Assert.Equal(hash, e.Hash);
            previous = hash;
        }
        Assert.Contains(db.AuditEvents, e => e.Action == "user.created");
        await using var verify = services.CreateAsyncScope();
        var verification = await verify.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verification.Valid, verification.Problem);
        Assert.Equal($"{verification.LastSeq}:{previous}", verification.Head);
    }
}
