using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>What a read value is finally used for, after following it through conversions, ToString/Trim,
/// interpolation, concatenation, <c>??</c>, <c>?.</c>, ternaries and local variables.</summary>
internal readonly struct UseSummary
{
    public UseSummary(int total, int logging, int presence, int allEntries, int assertion = 0)
    {
        Total = total;
        Logging = logging;
        Presence = presence;
        AllEntries = allEntries;
        Assertion = assertion;
    }

    public int Total { get; }
    public int Logging { get; }
    public int Presence { get; }
    public int AllEntries { get; }

    /// <summary>Uses as an argument of a test assertion (xunit, NUnit, MSTest, FluentAssertions, Shouldly).</summary>
    public int Assertion { get; }

    /// <summary>
    /// Nothing but emptiness/null checks, forwarding into an outgoing header (what a reverse proxy does) and test
    /// assertions, or no use at all: no address is taken from the value for a decision.
    /// </summary>
    public bool OnlyPresence => Presence + Assertion == Total;

    /// <summary>The value only reaches log lines and telemetry tags (and presence checks, assertions): not a security decision.</summary>
    public bool OnlyLogging => Logging > 0 && Logging + Presence + Assertion == Total;
}

internal static class ValueUses
{
    private const int MaxSteps = 64;

    private enum Use
    {
        Other,
        Logging,
        Presence,
        AllEntries,
        Assertion,
    }

    /// <param name="value">The read, or the local variable (e.g. an out variable) that holds its value.</param>
    /// <param name="isText">True when the value is one string; false for header values (StringValues, arrays), which can be enumerated.</param>
    /// <param name="symbols">The compilation's well-known symbols.</param>
    /// <param name="ct">Cancellation.</param>
    public static UseSummary Summarize(IOperation value, bool isText, WellKnownSymbols symbols, CancellationToken ct)
    {
        int total = 0, logging = 0, presence = 0, allEntries = 0, assertion = 0;
        var work = new OperationWorklist();
        var followed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        if (value is ILocalReferenceOperation { Local: var holder } && OperationWalk.IsWriteTarget(Declaration(value)))
        {
            PushReferences(work, followed, holder, value, isText, ct);
        }
        else
        {
            work.Push(value, isText);
        }

        for (var steps = 0; work.Count > 0; steps++)
        {
            ct.ThrowIfCancellationRequested();
            var current = work.Pop(out var tag);
            var text = tag != 0;
            if (steps > MaxSteps)
            {
                total++; // too far to follow: count as a real use, never hide a report
                continue;
            }

            var use = Step(current, text, work, followed, symbols, ct, out var continued);
            if (continued)
            {
                continue;
            }

            total++;
            switch (use)
            {
                case Use.Logging: logging++; break;
                case Use.Presence: presence++; break;
                case Use.AllEntries: allEntries++; break;
                case Use.Assertion: assertion++; break;
            }
        }

        return new UseSummary(total, logging, presence, allEntries, assertion);
    }

    private static Use Step(IOperation current, bool text, OperationWorklist work, HashSet<ILocalSymbol> followed,
        WellKnownSymbols symbols, CancellationToken ct, out bool continued)
    {
        continued = true;
        switch (current.Parent)
        {
            case IConversionOperation conversion:
                work.Push(conversion, text || conversion.Type?.SpecialType == SpecialType.System_String);
                return Use.Other;
            case ICoalesceOperation coalesce:
                work.Push(coalesce, text);
                return Use.Other;
            case IConditionalOperation { Type: not null } ternary when ternary.Condition != current:
                work.Push(ternary, text);
                return Use.Other;
            case IInterpolationOperation { Parent: { } interpolated }:
                work.Push(interpolated, true);
                return Use.Other;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concat:
                work.Push(concat, true);
                return Use.Other;
            case IArrayInitializerOperation { Parent: IArrayCreationOperation creation }:
                work.Push(creation, text);
                return Use.Other;
            case IConditionalAccessOperation access when access.Operation == current:
                if (OperationWalk.InstanceOf(access) is { } instance)
                {
                    work.Push(instance, text);
                }

                return Use.Other;
            case IConditionalAccessOperation access when access.WhenNotNull == current:
                work.Push(access, text);
                return Use.Other;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                PushReferences(work, followed, declarator.Symbol, declarator, text, ct);
                return Use.Other;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                PushReferences(work, followed, target.Local, target, text, ct);
                return Use.Other;
            case ITupleOperation tuple:
                work.Push(tuple, false);
                return Use.Other;
        }

        // Put into an object (a log scope's dictionary or anonymous object, an audit entry, an endpoint): the object's
        // uses decide. `new { ClientIp = ip }`, `new Dictionary<string, object> { ["ip"] = ip }`, `new KeyValuePair<,>("ip", ip)`.
        if (Container(current) is { } container)
        {
            work.Push(container, false);
            return Use.Other;
        }

        continued = false;
        if (current.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } header } forward &&
            forward.Value == current && symbols.IsAnyHeaders(header.Instance?.Type))
        {
            return Use.Presence; // proxy.Headers["X-Forwarded-For"] = existing + ", " + peer: forwarding, not deciding
        }

        if (OperationWalk.InvocationOnReceiver(current) is { } call)
        {
            return IsAssertion(call.TargetMethod) ? Use.Assertion : Member(call, text, work, ref continued);
        }

        return current.Parent switch
        {
            IBinaryOperation binary => IsEmptyComparison(binary, current) ? Use.Presence : Use.Other,
            IIsPatternOperation isPattern when isPattern.Value == current =>
                Patterns(new[] { isPattern.Pattern }, work, followed, current, ct, ref continued),
            IPropertySubpatternOperation subpattern when subpattern.Member == current =>
                Patterns(new[] { subpattern.Pattern }, work, followed, current, ct, ref continued),
            ISwitchExpressionOperation switchExpression when switchExpression.Value == current =>
                Patterns(switchExpression.Arms.Select(arm => arm.Pattern), work, followed, current, ct, ref continued),
            IArgumentOperation { Parent: IInvocationOperation invocation } => Argument(invocation, text, symbols),
            IForEachLoopOperation loop when loop.Collection == current => text ? Use.Other : Use.AllEntries,
            IPropertyReferenceOperation property when property.Instance == current =>
                Indexer(property, text, work, ref continued),
            IArrayElementReferenceOperation element when element.ArrayReference == current =>
                SingleIndex(element.Indices, element, work, ref continued),
            _ => Use.Other,
        };
    }

    /// <summary>
    /// An <c>is</c> pattern takes the value unless it only tests for null or emptiness: a constant other than null or
    /// "", a relational or list pattern compares or picks entries; a designation (<c>is { } ip</c>, <c>is string s</c>,
    /// <c>is { Count: > 0 } v</c>) binds the value, whose uses are followed.
    /// </summary>
    private static Use Patterns(IEnumerable<IPatternOperation> patterns, OperationWorklist work, HashSet<ILocalSymbol> followed,
        IOperation anchor, CancellationToken ct, ref bool continued)
    {
        var bound = new List<ILocalSymbol>();
        var takes = false;
        foreach (var pattern in patterns)
        {
            takes |= TakesValue(pattern, bound);
        }

        foreach (var local in bound)
        {
            PushReferences(work, followed, local, anchor, local.Type.SpecialType == SpecialType.System_String, ct);
        }

        continued = !takes && bound.Count > 0;
        return takes ? Use.Other : Use.Presence;
    }

    private static bool TakesValue(IPatternOperation? pattern, List<ILocalSymbol> bound)
    {
        switch (pattern)
        {
            case null or IDiscardPatternOperation or ITypePatternOperation:
                return false;
            case IConstantPatternOperation constant:
                return !OperationWalk.IsNullOrEmptyConstant(constant.Value);
            case IDeclarationPatternOperation declaration:
                if (declaration.DeclaredSymbol is ILocalSymbol local)
                {
                    bound.Add(local);
                }

                return false;
            case INegatedPatternOperation negated:
                return TakesValue(negated.Pattern, bound);
            case IBinaryPatternOperation binary:
                return TakesValue(binary.LeftPattern, bound) | TakesValue(binary.RightPattern, bound);
            case IRecursivePatternOperation recursive:
                if (recursive.DeclaredSymbol is ILocalSymbol self)
                {
                    bound.Add(self);
                }

                var takes = false;
                foreach (var subpattern in recursive.PropertySubpatterns)
                {
                    // { Count: > 0 }, { Length: 0 }: how many, not which.
                    takes |= subpattern.Member is IMemberReferenceOperation { Member.Name: "Count" or "Length" }
                        ? false
                        : TakesValue(subpattern.Pattern, bound);
                }

                foreach (var deconstruction in recursive.DeconstructionSubpatterns)
                {
                    takes |= TakesValue(deconstruction, bound);
                }

                return takes;
            case IListPatternOperation list:
                if (list.DeclaredSymbol is ILocalSymbol whole)
                {
                    bound.Add(whole);
                }

                foreach (var element in list.Patterns)
                {
                    TakesValue(element, bound);
                }

                return true; // [var first, ..] picks entries
            case ISlicePatternOperation slice:
                return TakesValue(slice.Pattern, bound);
            default:
                return true; // relational patterns and anything newer: the value is compared
        }
    }

    /// <summary>The object a value is put into: a constructor argument, an object or collection initializer, an anonymous object.</summary>
    private static IOperation? Container(IOperation current)
    {
        switch (current.Parent)
        {
            case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                return creation;
            case ISimpleAssignmentOperation { Parent: IAnonymousObjectCreationOperation anonymous } member when member.Value == current:
                return anonymous;
            case ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } } member
                when member.Value == current:
                return creation;
            case IArgumentOperation { Parent: IInvocationOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }, Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } } }:
                return creation; // { { "ip", ip } }: the collection initializer's Add
            default:
                return null;
        }
    }

    /// <summary>
    /// A test assertion: xunit, NUnit, MSTest, FluentAssertions/AwesomeAssertions (<c>value.Should()</c>) or Shouldly
    /// (<c>value.ShouldBe(...)</c>). Checking what a test request produced decides nothing in the application.
    /// </summary>
    private static bool IsAssertion(IMethodSymbol method)
    {
        var ns = method.ContainingType?.ContainingNamespace;
        var root = ns;
        while (root?.ContainingNamespace is { IsGlobalNamespace: false } outer)
        {
            root = outer;
        }

        return root?.Name switch
        {
            "Xunit" or "NUnit" or "FluentAssertions" or "AwesomeAssertions" or "Shouldly" => true,
            "Microsoft" => Members.FullName(ns).StartsWith("Microsoft.VisualStudio.TestTools.UnitTesting", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static Use Member(IInvocationOperation invocation, bool text, OperationWorklist work, ref bool continued)
    {
        var name = invocation.TargetMethod.Name;
        var extraArguments = invocation.Arguments.Length - (invocation.Instance is null ? 1 : 0);
        switch (name)
        {
            case "ToString":
            case "Trim" or "TrimStart" or "TrimEnd" or "ToLowerInvariant" or "ToUpperInvariant" or "ToLower" or "ToUpper" when text:
            case "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" when !text && extraArguments == 0:
                continued = true;
                work.Push(invocation, true);
                return Use.Other;
            case "Any" or "Count" when !text && extraArguments == 0:
                return Use.Presence;
            case "Split" when text && IsCounted(invocation):
                return Use.Presence; // Split(',').Length > 8: how many hops, not which client
            case "Equals" or "IsNullOrEmpty":
                return Use.Other;
        }

        return !text && (invocation.TargetMethod.ContainingType?.Name == "Enumerable" || name is "ToArray" or "ToList" or "GetEnumerator")
            ? Use.AllEntries
            : Use.Other;
    }

    private static bool IsCounted(IOperation entries) => entries.Parent switch
    {
        IPropertyReferenceOperation { Property.Name: "Length" or "Count" } count => count.Instance == entries,
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Count" or "LongCount", Arguments.Length: 1 } } => true,
        _ => false,
    };

    private static Use Indexer(IPropertyReferenceOperation property, bool text, OperationWorklist work, ref bool continued)
    {
        if (property.Property.Name is "Count" or "Length")
        {
            return Use.Presence;
        }

        if (!property.Property.IsIndexer || text)
        {
            return Use.Other;
        }

        var indices = new List<IOperation>();
        foreach (var argument in property.Arguments)
        {
            indices.Add(argument.Value);
        }

        return SingleIndex(indices, property, work, ref continued);
    }

    private static Use SingleIndex(IReadOnlyList<IOperation> indices, IOperation access, OperationWorklist work, ref bool continued)
    {
        if (indices.Count == 1 && OperationWalk.IsConstantZero(indices[0]))
        {
            continued = true;
            work.Push(access, true);
            return Use.Other;
        }

        return Use.AllEntries;
    }

    private static Use Argument(IInvocationOperation invocation, bool text, WellKnownSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace")
        {
            return Use.Presence;
        }

        if (IsLogging(invocation, symbols) || IsTelemetryTag(method))
        {
            return Use.Logging;
        }

        if (IsAssertion(method))
        {
            return Use.Assertion;
        }

        if (method.Name is "Append" or "Add" or "TryAdd" or "TryAddWithoutValidation" or "AppendCommaSeparatedValues" or
                "SetCommaSeparatedValues" or "AppendList" or "Set" &&
            symbols.IsAnyHeaders(OperationWalk.Receiver(invocation) is { } receiver ? OperationWalk.SkipConversions(receiver)?.Type : null))
        {
            return Use.Presence; // forwarded to an outgoing header, as a reverse proxy does
        }

        return !text && method.Name == "Join" && method.ContainingType?.SpecialType == SpecialType.System_String
            ? Use.AllEntries
            : Use.Other;
    }

    /// <summary><c>Activity.SetTag</c>/<c>AddTag</c>/<c>SetBaggage</c>/<c>AddBaggage</c>: a trace attribute, like a log field.</summary>
    private static bool IsTelemetryTag(IMethodSymbol method) =>
        method.Name is "SetTag" or "AddTag" or "SetBaggage" or "AddBaggage" &&
        method.ContainingType is { Name: "Activity", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// A log call: Microsoft.Extensions.Logging (extensions, ILogger, [LoggerMessage] methods, <c>LoggerMessage.Define</c>
    /// delegates, <c>BeginScope</c>), Serilog, NLog, log4net, or System.Diagnostics.Debug/Trace.
    /// </summary>
    public static bool IsLogging(IInvocationOperation invocation, WellKnownSymbols symbols)
    {
        var method = invocation.TargetMethod;

        // LoggerMessage.Define<...>(...) gives an Action<ILogger, ...>; calling it writes a log line.
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return method.Parameters.Length > 0 && symbols.IsOrImplements(method.Parameters[0].Type, WellKnownType.Microsoft_Extensions_Logging_ILogger);
        }

        if (symbols.Get(WellKnownType.Microsoft_Extensions_Logging_LoggerMessageAttribute) is not null)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (symbols.Is(attribute.AttributeClass, WellKnownType.Microsoft_Extensions_Logging_LoggerMessageAttribute))
                {
                    return true;
                }
            }
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        var ns = Members.FullName(type.ContainingNamespace);
        if (ns.StartsWith("Microsoft.Extensions.Logging", StringComparison.Ordinal) ||
            ns.StartsWith("Serilog", StringComparison.Ordinal) ||
            ns.StartsWith("NLog", StringComparison.Ordinal) ||
            ns.StartsWith("log4net", StringComparison.Ordinal) ||
            (ns == "System.Diagnostics" && type.Name is "Debug" or "Trace"))
        {
            return true;
        }

        var receiverType = OperationWalk.Receiver(invocation)?.Type;
        return symbols.IsOrImplements(receiverType, WellKnownType.Microsoft_Extensions_Logging_ILogger);
    }

    private static bool IsEmptyComparison(IBinaryOperation binary, IOperation current) =>
        binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals &&
        OperationWalk.IsNullOrEmptyConstant(binary.LeftOperand == current ? binary.RightOperand : binary.LeftOperand);

    private static IOperation Declaration(IOperation localReference) =>
        localReference.Parent is IDeclarationExpressionOperation declaration ? declaration : localReference;

    /// <summary>Continues the walk at every read of <paramref name="local"/> in the same body.</summary>
    private static void PushReferences(OperationWorklist work, HashSet<ILocalSymbol> followed, ILocalSymbol local,
        IOperation anchor, bool text, CancellationToken ct)
    {
        if (!followed.Add(local))
        {
            return;
        }

        foreach (var reference in OperationWalk.References(OperationWalk.Root(anchor), local, ct))
        {
            if (!OperationWalk.IsWriteTarget(Declaration(reference)))
            {
                work.Push(reference, text);
            }
        }
    }
}
