#include "jsonsyntax.h"

#include <cstring>
#include <vector>

namespace atlas {

namespace {

class Scanner
{
public:
    explicit Scanner(std::string_view text) : m_t(text) {}

    JsonSyntaxProblem run()
    {
        // An explicit stack instead of recursion: nesting depth cannot exhaust the C++ stack.
        enum class Ctx : char { ArrayFirst, ArrayNext, ObjectFirst, ObjectNext };
        std::vector<Ctx> stack;
        skipWs();
        if (!value(stack))
            return m_problem;
        for (;;) {
            if (m_problem.offset != std::string_view::npos)
                return m_problem;
            skipWs();
            if (stack.empty()) {
                if (m_i != m_t.size())
                    return fail("unexpected content after the end of the document");
                return {};
            }
            Ctx &top = stack.back();
            const bool inArray = top == Ctx::ArrayFirst || top == Ctx::ArrayNext;
            if (m_i >= m_t.size())
                return fail(inArray ? "unclosed array: expected ',' or ']'" : "unclosed object: expected ',' or '}'");
            const char c = m_t[m_i];
            if (inArray) {
                if (c == ']') { ++m_i; stack.pop_back(); continue; }
                if (top == Ctx::ArrayNext) {
                    if (c != ',')
                        return fail("expected ',' or ']' after an array element");
                    ++m_i;
                    skipWs();
                }
                top = Ctx::ArrayNext;
                if (!value(stack))
                    return m_problem;
            } else {
                if (c == '}') { ++m_i; stack.pop_back(); continue; }
                if (top == Ctx::ObjectNext) {
                    if (c != ',')
                        return fail("expected ',' or '}' after a member (a missing comma?)");
                    ++m_i;
                    skipWs();
                }
                top = Ctx::ObjectNext;
                if (m_i >= m_t.size() || m_t[m_i] != '"')
                    return fail("expected a member name in double quotes");
                if (!string())
                    return m_problem;
                skipWs();
                if (m_i >= m_t.size() || m_t[m_i] != ':')
                    return fail("expected ':' after a member name");
                ++m_i;
                skipWs();
                if (!value(stack))
                    return m_problem;
            }
        }
    }

private:
    template <typename Stack> bool value(Stack &stack)
    {
        using Ctx = typename Stack::value_type;
        if (m_i >= m_t.size()) {
            fail("expected a value");
            return false;
        }
        const char c = m_t[m_i];
        if (c == '{') { ++m_i; stack.push_back(Ctx::ObjectFirst); return true; }
        if (c == '[') { ++m_i; stack.push_back(Ctx::ArrayFirst); return true; }
        if (c == '"') return string();
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        for (const char *word : {"true", "false", "null"}) {
            const std::size_t n = std::strlen(word);
            if (m_t.substr(m_i, n) == word) { m_i += n; return true; }
        }
        fail("expected a value (string, number, object, array, true, false or null)");
        return false;
    }

    bool string()
    {
        const std::size_t start = m_i++;
        while (m_i < m_t.size()) {
            const unsigned char c = static_cast<unsigned char>(m_t[m_i]);
            if (c == '"') { ++m_i; return true; }
            if (c < 0x20) { fail("control character in a string (an unclosed string?)"); return false; }
            if (c == '\\') {
                ++m_i;
                if (m_i >= m_t.size()) break;
                const char e = m_t[m_i];
                if (e == 'u') {
                    for (int k = 1; k <= 4; ++k)
                        if (m_i + std::size_t(k) >= m_t.size() || !std::isxdigit(static_cast<unsigned char>(m_t[m_i + std::size_t(k)]))) {
                            fail("invalid \\u escape");
                            return false;
                        }
                    m_i += 4;
                } else if (!std::strchr("\"\\/bfnrt", e)) {
                    fail("invalid escape in a string");
                    return false;
                }
            }
            ++m_i;
        }
        m_i = start;
        fail("unclosed string");
        return false;
    }

    bool number()
    {
        const std::size_t start = m_i;
        if (m_t[m_i] == '-') ++m_i;
        auto digits = [&] { std::size_t n = 0; while (m_i < m_t.size() && m_t[m_i] >= '0' && m_t[m_i] <= '9') { ++m_i; ++n; } return n; };
        if (m_i < m_t.size() && m_t[m_i] == '0') ++m_i;
        else if (digits() == 0) { m_i = start; fail("invalid number"); return false; }
        if (m_i < m_t.size() && m_t[m_i] == '.') { ++m_i; if (digits() == 0) { m_i = start; fail("invalid number"); return false; } }
        if (m_i < m_t.size() && (m_t[m_i] == 'e' || m_t[m_i] == 'E')) {
            ++m_i;
            if (m_i < m_t.size() && (m_t[m_i] == '+' || m_t[m_i] == '-')) ++m_i;
            if (digits() == 0) { m_i = start; fail("invalid number"); return false; }
        }
        return true;
    }

    void skipWs()
    {
        while (m_i < m_t.size() && (m_t[m_i] == ' ' || m_t[m_i] == '\t' || m_t[m_i] == '\n' || m_t[m_i] == '\r'))
            ++m_i;
    }

    JsonSyntaxProblem fail(const char *reason)
    {
        m_problem = {std::min(m_i, m_t.size()), reason};
        return m_problem;
    }

    std::string_view m_t;
    std::size_t m_i = 0;
    JsonSyntaxProblem m_problem;
};

} // namespace

JsonSyntaxProblem findJsonSyntaxError(std::string_view text)
{
    return Scanner(text).run();
}

} // namespace atlas
