using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Distribution;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Distribution;

/// <summary>Customer contacts as a CSV file, and the communication and people the distribution tests share.</summary>
internal static class Customers
{
    public const string Header = "email,name,organization,role,tier,deployment,product_version,region,subscribed";

    /// <summary>Four contacts at three organizations; Eve unsubscribed.</summary>
    public static readonly string[] Good =
    [
        "ada@acme.example,Ada Acme,Acme Corp,security-contact,enterprise,self-managed,16.4.2,eu,yes",
        "bob@acme.example,Bob Acme,Acme Corp,admin,,,,,yes",
        "cy@globex.example,Cy Globex,Globex,technical,premium,saas,16.5.0,us,yes",
        "eve@initech.example,Eve Initech,Initech,,standard,saas,,eu,no",
    ];

    /// <summary>The good rows with two bad ones, on lines 4 (the address) and 6 (the deployment).</summary>
    public static readonly string[] WithBadRows =
    [
        Good[0],
        Good[1],
        "not-an-address,Nobody,Acme Corp,,,,,,yes",
        Good[2],
        "dee@globex.example,Dee Globex,Globex,other,,cloud,,,no",
        Good[3],
    ];

    /// <summary>A CSV file in a folder of its own, with the header and <paramref name="rows"/>.</summary>
    public static string File(string name, params string[] rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("seccomms-contacts-").FullName, name);
        System.IO.File.WriteAllLines(path, [Header, .. rows]);
        return path;
    }

    /// <summary>alice and sam (security), the good contacts imported, the segment enterprise-eu (Ada and Bob at Acme Corp) and SC-1, a draft notice to it.</summary>
    public static async Task<(TestUser Alice, TestUser Sam)> NoticeToEnterpriseEuAsync(SecCommsApp app)
    {
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        (await Cli.RunAsync(app, alice.Token, "contacts", "import", File("customers.csv", Good))).AssertSucceeded();
        (await Cli.RunAsync(app, alice.Token, "audiences", "create", "enterprise-eu", "--name", "Enterprise EU", "--tier", "enterprise", "--region", "eu"))
            .AssertSucceeded();
        var response = await alice.Client.PostAsJsonAsync("/api/v1/communications",
            new { category = "customer-security-notice", title = "Session tokens exposed in logs", content = WrittenContent.For("Session tokens exposed in logs") });
        await response.JsonAsync(HttpStatusCode.Created);
        (await Cli.RunAsync(app, alice.Token, "communications", "audience", "SC-1", "--segment", "enterprise-eu")).AssertSucceeded();
        return (alice, sam);
    }

    /// <summary>Sends what is due, as the web host's dispatcher does when distribution is enabled.</summary>
    public static async Task<SendResult> SendDueAsync(SecCommsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DispatchSender>().SendDueAsync(CancellationToken.None);
    }
}
