/** The mini-program draws its own title bar with a back button: nothing to add there (see NavBar.h5.tsx). */
export default function NavBar(): JSX.Element | null {
  return null;
}
