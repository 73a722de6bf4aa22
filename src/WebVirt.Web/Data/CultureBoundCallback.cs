using System.Globalization;

namespace WebVirt.Web.Data;

/// <summary>
/// A change callback that runs in the culture current when it was made: database-health and agent
/// changes are raised on background threads that carry the server's default culture, and the
/// subscriber's renders must use its circuit's language.
/// </summary>
internal sealed class CultureBoundCallback<T>(Action<T> callback, Action<CultureBoundCallback<T>> unsubscribe) : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private int _disposed;

    public void Invoke(T value)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        try
        {
            callback(value);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            unsubscribe(this);
        }
    }
}
