using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecComms.Core.Advisories;
using SecComms.Core.Advisories.Exports;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Disclosure;
using SecComms.Core.Distribution;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;
using SecComms.Core.Identity.SingleSignOn;
using SecComms.Core.Mail;
using SecComms.Core.Notifications;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Releases.Calendar;
using SecComms.Core.Workflow;

namespace SecComms.Core;

public static class SecCommsCore
{
    /// <summary>Registers the database, the policy and every Core service, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddSecCommsCore(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(database);
        services.AddSecCommsDatabase(database);
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.AddOptions<SingleSignOnOptions>().Bind(configuration.GetSection(SingleSignOnOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SingleSignOnOptions>, SingleSignOnOptionsValidator>();
        services.AddSingleton(_ => PolicyStore.FromConfiguration(configuration["Policy:Path"]));
        services.AddScoped(provider => provider.GetRequiredService<PolicyStore>().Current);
        services.AddScoped<PolicyVersions>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<WriteScope>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditAnchor>();
        services.AddScoped<TeamGrantNotices>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<SignInThrottles>();
        services.AddScoped<KnownDevices>();
        services.AddSingleton<StandInPasswordHash>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<PasswordLinks>();
        services.AddScoped<People>();
        services.AddScoped<ProviderSignIn>();
        services.AddScoped<CommunicationService>();
        services.AddScoped<CommunicationReads>();
        services.AddScoped<CommunicationPermissions>();
        services.AddScoped<DisclosurePackage>();
        services.AddScoped<WorkflowService>();
        services.AddScoped<Readiness>();
        services.AddScoped<TeamStaffing>();
        services.AddScoped<DisclosureGates>();
        services.AddScoped<DisclosureService>();
        services.AddScoped<SecurityReleases>();
        services.AddScoped<ReleasePackages>();
        services.AddScoped<ReleaseConsistency>();
        services.AddScoped<Vulnerabilities.Vulnerabilities>();
        services.AddReleaseCalendar(configuration);
        services.AddScoped<Incidents.Incidents>();
        services.AddTransient<Seeding.Seeder>();
        services.AddScoped<Seeding.DemoCompany>();
        services.AddScoped<Incidents.Clocks.IncidentClocks>();
        services.AddScoped<Incidents.IncidentMessages>();
        services.AddScoped<Incidents.Engagements>();
        services.AddScoped<Incidents.NoPublicNotifications>();
        services.AddScoped<Incidents.IncidentSweep>();
        services.AddScoped<ExceptionNotices>();
        services.AddScoped<ExceptionRegister>();
        services.AddScoped<ExceptionSweep>();
        services.AddSecCommsMail(configuration);
        services.AddSecCommsNotifications(configuration);
        services.AddSecCommsDistribution(configuration);
        services.AddScoped<PublicEntries>();
        services.AddScoped<AdvisoryDocuments>();
        services.AddAdvisoryExports(configuration);
        services.AddSingleton<PublicChanges>();
        return services;
    }
}
