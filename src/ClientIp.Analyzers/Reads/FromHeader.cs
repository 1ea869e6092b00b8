using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Reads;

/// <summary>Model binding from a client-IP header: <c>[FromHeader(Name = "X-Forwarded-For")]</c> (any attribute
/// implementing <c>IFromHeaderMetadata</c>; without a name the parameter or property name is the header).</summary>
internal static class FromHeader
{
    public static (AttributeData Attribute, string Header)? Find(ISymbol symbol, WellKnownSymbols symbols)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!symbols.IsFromHeaderAttribute(attribute.AttributeClass))
            {
                continue;
            }

            var name = symbol.Name;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Name" && argument.Value.Kind == TypedConstantKind.Primitive && argument.Value.Value is string given)
                {
                    name = given;
                }
            }

            return ClientIpHeaders.Canonical(name) is { } header ? (attribute, header) : null;
        }

        return null;
    }

    public static string? HeaderOf(ISymbol symbol, WellKnownSymbols symbols) => Find(symbol, symbols)?.Header;
}
