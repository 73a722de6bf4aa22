namespace WebVirt.Testing;

public static class SerialLog
{
    // Polls the log virtlogd writes; returns the escape-stripped log once it contains text.
    public static async Task<string> WaitForAsync(string path, string text, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        string content = string.Empty;
        try
        {
            while (true)
            {
                content = ReadStripped(path);
                if (content.Contains(text, StringComparison.Ordinal))
                {
                    return content;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), timeoutSource.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            string tail = content.Length > 2000 ? content[^2000..] : content;
            throw new TimeoutException($"'{text}' did not appear in {path} within {timeout}. Log tail:\n{tail}");
        }
    }

    public static string ReadStripped(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        // virtlogd keeps the file open for writing.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return AnsiEscapes.Strip(reader.ReadToEnd());
    }
}
