using SecComms.Web.Hosting;

var builder = WebApplication.CreateBuilder(SecCommsHost.Options(args));
builder.AddSecComms();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseSecComms();
app.MapSecComms();
await app.RunAsync();

/// <summary>The web host's entry point, visible to integration tests.</summary>
public partial class Program;
