/**
 * An e-mail address we put in an SMTP command and a header (scheduled exports): no spaces,
 * brackets, commas or line breaks. Shared by the admin page's form and the server's check.
 */
export const EMAIL = /^[^\s<>(),;:"@]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;
