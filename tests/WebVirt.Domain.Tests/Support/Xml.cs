using System.Xml.Linq;
using System.Xml.XPath;

namespace WebVirt.Domain.Tests.Support;

public static class Xml
{
    public static string? Value(this XDocument document, string xpath) => document.XPathEvaluate($"string({xpath})") as string is { Length: > 0 } s ? s : null;

    public static IReadOnlyList<XElement> All(this XDocument document, string xpath) => document.XPathSelectElements(xpath).ToList();

    public static int Count(this XDocument document, string xpath) => document.XPathSelectElements(xpath).Count();
}
