// einlass-kiosk: entry point. The headless commands live in kiosk/app/commands*.cpp.
int main() { return 0; }
