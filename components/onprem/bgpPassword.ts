/** The longest TCP-MD5 key Linux takes (TCP_MD5SIG_MAXKEYLEN in include/uapi/linux/tcp.h): FRR and Cilium hand it to the kernel. */
export const MAX_BGP_PASSWORD_LENGTH = 80;

/**
 * Why a BGP password cannot be written into frr.conf and the Cilium Secret as it is, or undefined.
 * It goes into a config line (`neighbor … password <password>`), so whitespace or a line break
 * would end it and start another: only printable ASCII without spaces is taken. The message never
 * repeats the password.
 */
export function bgpPasswordProblem(password: string): string | undefined {
    if (password.length === 0) return "is empty; use 1 to 80 printable characters without spaces";
    if (password.length > MAX_BGP_PASSWORD_LENGTH)
        return `has ${password.length} characters, more than the ${MAX_BGP_PASSWORD_LENGTH} a TCP-MD5 key may have`;
    if (/[\r\n]/.test(password)) return "holds a line break, which would add lines to frr.conf; use printable characters only";
    if (!/^[\x21-\x7e]+$/.test(password))
        return "holds whitespace or a character outside printable ASCII; use printable ASCII without spaces";
    return undefined;
}
