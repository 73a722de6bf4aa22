using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebVirt.Web.Data;

/// <summary>Lets `dotnet ef` build the model without starting the web host (which would connect to agents).</summary>
internal sealed class WebDbContextDesignTimeFactory : IDesignTimeDbContextFactory<WebDbContext>
{
    public WebDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__WebVirt")
            ?? "Host=127.0.0.1;Port=5432;Database=webvirt;Username=webvirt";
        var options = new DbContextOptionsBuilder<WebDbContext>();
        WebDatabase.Configure(options, connectionString);
        return new WebDbContext(options.Options);
    }
}
