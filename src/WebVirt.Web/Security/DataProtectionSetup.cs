using Microsoft.AspNetCore.DataProtection;
using WebVirt.Web.Data;

namespace WebVirt.Web.Security;

/// <summary>
/// The data protection key ring (it signs cookies and antiforgery tokens) lives in the database,
/// shared by every replica. With WebVirt:DataProtection:KeyDirectory set (install sets it) each key
/// is encrypted there with a certificate whose private key only the web's user can read, so a copy
/// of the database (a backup, another role's SELECT) does not yield the keys.
/// </summary>
public static class DataProtectionSetup
{
    public const string KeyDirectoryKey = "WebVirt:DataProtection:KeyDirectory";

    public static IServiceCollection AddWebVirtDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("WebVirt")
            .PersistKeysToDbContext<WebDbContext>();
        if (configuration[KeyDirectoryKey] is { Length: > 0 } directory)
        {
            var certificate = KeyProtectionCertificate.LoadOrCreate(directory, TimeProvider.System);
            // Linux has no machine store to find the certificate in when decrypting: name it here.
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }
}
